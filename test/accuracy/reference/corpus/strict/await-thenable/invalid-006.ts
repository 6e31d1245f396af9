async function test() {
  class IncorrectThenable {
    then() {}
  }
  const thenable = new IncorrectThenable();
  await thenable;
}
export {};
