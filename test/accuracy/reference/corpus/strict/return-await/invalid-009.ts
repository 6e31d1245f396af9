async function test() {
  return await 1;
}
export {};
