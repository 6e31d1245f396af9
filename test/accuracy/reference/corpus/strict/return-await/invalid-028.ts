async function test() {
  try {
    return Promise.resolve(1);
  } catch {
  } finally {
  }
}
export {};
