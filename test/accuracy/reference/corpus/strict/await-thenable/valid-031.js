async function f(x) {
  await x;
}
export {};
