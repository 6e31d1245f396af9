declare const d: Disposable;
async function f() {
  await using a = d,
    b = d;
}
export {};
