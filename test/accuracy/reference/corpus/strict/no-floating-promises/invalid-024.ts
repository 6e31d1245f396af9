async function test() {
  Promise.resolve().catch(undefined);
}
export {};
