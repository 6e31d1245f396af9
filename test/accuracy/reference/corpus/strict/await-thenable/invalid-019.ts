async function f() {
  for await (const p of [Promise.resolve(1), Promise.resolve(2)]) {
  }
}
export {};
