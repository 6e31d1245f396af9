async function test() {
  declare const returnsPromise: () => Promise<void> | null;
  returnsPromise()?.finally(() => {});
}
export {};
