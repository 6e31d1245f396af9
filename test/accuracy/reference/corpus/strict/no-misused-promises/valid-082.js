async function f(p) {
  if (await p) {
  }
}
export {};
