declare const p: Promise<number>;
async function f() {
  if ((await p) > 1) {
  }
}
export {};
