async function test() {
  declare const returnsPromise: () => Promise<void> | null;
  returnsPromise()?.then(() => {});
}
export {};
