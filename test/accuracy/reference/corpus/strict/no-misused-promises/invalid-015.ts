async function test() {
  const promise = Promise.resolve();
  if (promise) {
    await promise;
  }
}
export {};
