declare function getThenable(): PromiseLike<number>;
async function test() {
  try {
    return getThenable();
  } catch {}
}
export {};
