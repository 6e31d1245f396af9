async function f() {
  await using x = {
    [Symbol.dispose]() {},
  };
}
export {};
