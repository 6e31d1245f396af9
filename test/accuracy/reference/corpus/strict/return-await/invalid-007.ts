async function test() {
  return await Promise.resolve(1);
}
export {};
