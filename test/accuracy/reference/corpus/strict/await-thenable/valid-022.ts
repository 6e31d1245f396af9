async function f() {
  await using x = {
    async [Symbol.asyncDispose]() {},
  };
}
export {};
