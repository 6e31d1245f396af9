async function f() {
  await (void 0);
}
export {};
