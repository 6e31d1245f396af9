async function f() {
  await Promise.all([1, 2, 3].map(async (val) => val));
}
export {};
