async function test() {
  Promise.resolve().catch(null);
}
export {};
