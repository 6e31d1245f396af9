declare const asyncIterable: AsyncIterable<string>;
async function f() {
  for await (const s of asyncIterable) {
  }
}
export {};
