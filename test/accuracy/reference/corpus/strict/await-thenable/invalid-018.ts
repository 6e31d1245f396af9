declare const iterable: Iterable<string>;
async function f() {
  for await (const s of iterable) {
  }
}
export {};
