async function f() {
  await Promise.any([0]);
}
export {};
