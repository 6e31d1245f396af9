async function f() {
  const v = await Promise.resolve(1);
  Promise.resolve(v);
}
export {};
