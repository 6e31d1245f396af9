async function test() {
  class CatchableThenable extends Promise<number> {}
  declare const thenable: CatchableThenable;
  thenable.finally(() => {});
}
export {};
