async function test() {
  try {
    return await Promise.resolve(1);
  } catch (e) {
    return Promise.resolve(2);
  }
}
export {};
