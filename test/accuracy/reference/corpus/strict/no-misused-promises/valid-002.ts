async function test() {
  if (await Promise.resolve()) {
  }
}
export {};
