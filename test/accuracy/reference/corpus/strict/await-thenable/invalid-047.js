async function f() {
  await Math.random();
}
export {};
