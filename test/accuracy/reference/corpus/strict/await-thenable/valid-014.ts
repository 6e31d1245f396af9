declare const thenable: PromiseLike<number>;
async function f() {
  await thenable;
}
export {};
