async function test() {
  try {
    return Math.random() > 0.5 ? await Promise.resolve(1) : await Promise.resolve(2);
  } catch {}
}
export {};
