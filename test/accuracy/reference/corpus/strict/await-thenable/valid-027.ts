declare const arr: unknown[];
async function f() {
  await Promise.all(arr);
}
export {};
