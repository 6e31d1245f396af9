async function test() {
  await 0;
  await 'value';
  await (Math.random() > 0.5 ? '' : 0);
  class NonPromise extends Array {}
  await new NonPromise();
}
export {};
