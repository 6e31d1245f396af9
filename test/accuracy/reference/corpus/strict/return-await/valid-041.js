async function test() {
  try {
    const v = await Promise.resolve(1);
    return v;
  } catch {}
}
export {};
