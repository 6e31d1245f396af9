async function test() {
  const result = await Promise.resolve(1);
  return result;
}
export {};
