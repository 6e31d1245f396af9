declare const n: number;
async function f() {
  await n;
}
export {};
