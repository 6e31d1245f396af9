async function f() {
  await [Promise.resolve(1)];
}
export {};
