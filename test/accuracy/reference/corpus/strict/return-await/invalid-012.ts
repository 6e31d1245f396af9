async function test() {
  const one = 1;
  return await one;
}
export {};
