async function f() {
  await Promise.resolve().then(() => {}).finally(() => {});
}
export {};
