async function f() {
  await Promise.allSettled([1]);
}
export {};
