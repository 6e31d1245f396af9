async function test() {
  declare const returnsPromise: () => Promise<void>;
  void returnsPromise();
}
export {};
