async function test(x: unknown) {
  return x;
}
export {};
