async function test() {
  using x = { [Symbol.dispose]() {} };
  return Promise.resolve(1);
}
export {};
