async function test() {
  try {
    return Promise.resolve(1);
  } catch (e) {
    return 2;
  }
}
export {};
