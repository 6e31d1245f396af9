declare function bar(): void;
async function test() {
  try {
    return await Promise.resolve(1);
  } catch (e) {
    bar();
    return Promise.resolve(2);
  }
}
export {};
