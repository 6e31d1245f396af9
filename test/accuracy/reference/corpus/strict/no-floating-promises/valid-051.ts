async function test() {
  declare const promise: Promise<void>;
  await (promise as Promise<void>);
  void (promise satisfies Promise<void>);
}
export {};
