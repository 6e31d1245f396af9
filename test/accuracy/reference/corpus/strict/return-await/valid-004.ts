async function test() {
  return 1;
}
export {};
