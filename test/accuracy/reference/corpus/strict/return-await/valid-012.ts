function test() {
  try {
    return Promise.resolve(1);
  } catch (e) {
    return Promise.resolve(2);
  }
}
export {};
