async function test() {
  try {
    return 1;
  } catch {
    return 2;
  } finally {
    return await Promise.resolve(3);
  }
}
export {};
