async function test() {
  await Promise.resolve('value');
  Promise.resolve('value').catch(() => {});
  void Promise.resolve('value');
}
export {};
