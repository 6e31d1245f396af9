async function test() {
  async function returnsPromiseAsync() {}
  await returnsPromiseAsync();
}
export {};
