async function f() {
  await Promise.all([Promise.resolve(1), 2]);
}
export {};
