async function f() {
  const arr = [Promise.resolve(1), 2];
  arr;
}
export {};
