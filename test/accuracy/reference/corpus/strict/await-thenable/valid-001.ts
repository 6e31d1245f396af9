async function test() {
  await Promise.resolve('value');
  await Promise.reject(new Error('message'));
}
export {};
