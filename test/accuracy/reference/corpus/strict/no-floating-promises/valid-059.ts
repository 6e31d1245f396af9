async function f() {
  const promise = Promise.resolve(1);
  Object.freeze(promise);
}
export {};
