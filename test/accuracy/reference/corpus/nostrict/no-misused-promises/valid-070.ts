async function test() {
  if (await Promise.resolve()) {
  }
  [1, 2].forEach((v) => v);
}
export {};
