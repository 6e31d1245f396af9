async function f() {
  await undefined;
}
export {};
