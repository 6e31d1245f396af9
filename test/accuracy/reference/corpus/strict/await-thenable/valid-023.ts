async function f() {
  await using x = null;
  await using y = undefined;
}
export {};
