async function test() {
  try {
    return await Promise.resolve(1);
  } catch {}
}
export {};
