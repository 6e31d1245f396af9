async function test() {
  try {
    return (await Promise.resolve(1), await Promise.resolve(2));
  } catch {}
}
export {};
