async function test() {
  using x = { [Symbol.dispose]() {} };
  return await Promise.resolve(1);
}
export {};
