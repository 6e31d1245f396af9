async function f() {
  const x = await 1 + 1;
  return x;
}
export {};
