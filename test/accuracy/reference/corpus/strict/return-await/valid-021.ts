async function test() {
  try {
    return await (Math.random() > 0.5 ? Promise.resolve(1) : 2);
  } catch {}
}
export {};
