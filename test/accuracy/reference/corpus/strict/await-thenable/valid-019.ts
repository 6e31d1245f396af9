async function* gen() {
  yield 1;
}
async function f() {
  for await (const x of gen()) {
  }
}
export {};
