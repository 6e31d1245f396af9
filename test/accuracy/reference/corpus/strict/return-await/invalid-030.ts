async function test() {
  await using x = { async [Symbol.asyncDispose]() {} };
  return Promise.resolve(1);
}
export {};
