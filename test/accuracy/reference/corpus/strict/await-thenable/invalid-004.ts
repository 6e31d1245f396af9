async function test() {
  await {};
}
export {};
