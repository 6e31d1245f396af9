async function test() {
  await 'value';
}
export {};
