async function test() {
  try {
    const value = await Promise.resolve(1);
    return value;
  } catch {
    return 0;
  }
}
export {};
