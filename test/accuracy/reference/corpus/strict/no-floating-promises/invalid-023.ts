async function test() {
  Promise.resolve().then(() => {}, null);
}
export {};
