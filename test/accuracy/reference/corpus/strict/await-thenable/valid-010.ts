async function test() {
  class Thenable {
    then(callback: () => {}) {}
  }
  const thenable = new Thenable();
  await thenable;
}
export {};
