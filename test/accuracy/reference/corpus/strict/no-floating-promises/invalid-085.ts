async function f() {
  Promise.resolve(1).then((x) => x + 1);
}
export {};
