async function test() {
  try {
    const one = await Promise.resolve(1);
    return one;
  } catch (e) {
    const two = await Promise.resolve(2);
    return two;
  } finally {
    console.log('cleanup');
  }
}
export {};
