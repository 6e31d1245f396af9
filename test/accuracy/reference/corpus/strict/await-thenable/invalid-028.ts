declare const arr: number[];
async function f() {
  await Promise.all(arr);
}
export {};
