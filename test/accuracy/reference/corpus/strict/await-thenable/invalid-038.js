async function f() {
  for await (const s of ['a']) {
  }
}
export {};
