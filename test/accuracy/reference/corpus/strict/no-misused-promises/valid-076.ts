async function f() {
  const results = await Promise.all([1, 2].map(async (x) => x));
  return results.filter((x) => x > 1);
}
export {};
