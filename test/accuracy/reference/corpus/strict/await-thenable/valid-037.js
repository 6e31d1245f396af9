async function f() {
  const thenable = { then(resolve) { resolve(1); } };
  await thenable;
}
export {};
