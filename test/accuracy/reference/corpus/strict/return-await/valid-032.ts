declare function getThenable(): PromiseLike<number>;
async function test() {
  try {
    return await getThenable();
  } catch {}
}
export {};
