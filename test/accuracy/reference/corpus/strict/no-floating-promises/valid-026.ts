declare const promiseArray: Array<Promise<unknown>>;
async function f() {
  await Promise.all(promiseArray);
  await Promise.allSettled(promiseArray);
}
export {};
