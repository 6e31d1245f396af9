async function test() {
  try {
    return (1, Promise.resolve(2));
  } catch {}
}
export {};
