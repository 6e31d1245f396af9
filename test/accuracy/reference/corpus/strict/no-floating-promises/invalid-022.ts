async function test() {
  Promise.resolve().then(() => {}, undefined);
}
export {};
