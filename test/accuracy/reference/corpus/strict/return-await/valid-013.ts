async function test() {
  try {
    throw new Error();
  } catch (e) {
    return Promise.resolve(1);
  }
}
export {};
