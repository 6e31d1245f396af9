async function test() {
  try {
    return await Promise.resolve(1);
  } catch {
    return 2;
  } finally {
    return Promise.resolve(3);
  }
}
export {};
