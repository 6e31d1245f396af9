async function test() {
  await Promise.resolve('value');
  async function g() {}
  await g();
}
export {};
