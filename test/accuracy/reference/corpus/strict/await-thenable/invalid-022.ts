declare const sync: Disposable;
declare const asyncD: AsyncDisposable;
async function f() {
  await using a = asyncD,
    b = sync;
}
export {};
