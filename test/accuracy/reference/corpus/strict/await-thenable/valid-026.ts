declare const arr: Promise<number>[];
async function f() {
  await Promise.all(arr);
}
export {};
