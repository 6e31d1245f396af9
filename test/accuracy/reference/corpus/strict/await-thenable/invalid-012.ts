async function f() {
  await (() => Promise.resolve());
}
export {};
