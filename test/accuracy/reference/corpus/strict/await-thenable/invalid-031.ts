async function f() {
  const value = 42;
  return await value;
}
export {};
