async function test() {
  class NonPromise extends Array {}
  await new NonPromise();
}
export {};
