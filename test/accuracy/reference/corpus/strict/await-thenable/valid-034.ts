async function f() {
  const results = await Promise.allSettled([fetch('a'), fetch('b')]);
  return results;
}
export {};
