async function test() {
  await 0;
}
export {};
