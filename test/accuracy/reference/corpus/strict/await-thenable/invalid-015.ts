async function f() {
  await null;
}
export {};
