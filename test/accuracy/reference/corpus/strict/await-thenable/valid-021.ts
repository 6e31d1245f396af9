declare const anyIterable: any;
async function f() {
  for await (const s of anyIterable) {
  }
}
export {};
