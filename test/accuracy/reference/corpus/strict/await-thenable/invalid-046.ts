async function f() {
  await Promise.race([1, 2]);
}
export {};
