async function test() {
  await (async () => true)();
}
export {};
