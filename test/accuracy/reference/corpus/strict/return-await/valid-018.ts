async function test() {
  try {
    function inner() {
      return Promise.resolve(1);
    }
    return await inner();
  } catch {}
}
export {};
