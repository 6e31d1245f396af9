async function test() {
  try {
    return await Promise.resolve(1);
  } catch (e) {
    return await Promise.resolve(2);
  } finally {
    console.log('cleanup');
  }
}
export {};
