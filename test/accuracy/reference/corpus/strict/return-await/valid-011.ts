async function test() {
  try {
    return 1;
  } catch (e) {
    return 2;
  }
}
export {};
