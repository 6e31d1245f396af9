declare const d: AsyncDisposable | Disposable;
async function f() {
  await using x = d;
}
export {};
