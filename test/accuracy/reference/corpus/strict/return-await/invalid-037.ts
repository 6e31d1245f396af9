async function test() {
  try {
    return 1;
  } catch (e) {
    return await Promise.resolve(2);
  }
}
export {};
