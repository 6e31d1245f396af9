async function f() {
  const promise = Promise.resolve(1);
  Object.assign(promise, { extra: true });
}
export {};
