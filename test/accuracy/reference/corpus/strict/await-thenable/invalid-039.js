async function f() {
  await Promise.all([1, 2]);
}
export {};
