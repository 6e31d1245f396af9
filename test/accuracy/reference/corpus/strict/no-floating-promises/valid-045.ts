async function f() {
  return Promise.resolve().then(() => 1);
}
export {};
