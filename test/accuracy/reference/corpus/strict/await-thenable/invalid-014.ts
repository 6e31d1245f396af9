declare const n: number | string;
async function f() {
  await n;
}
export {};
