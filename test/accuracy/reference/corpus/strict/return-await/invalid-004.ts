async function test() {
  try {
    return 1;
  } catch (e) {
    return Promise.resolve(2);
  } finally {
    console.log('cleanup');
  }
}
export {};
