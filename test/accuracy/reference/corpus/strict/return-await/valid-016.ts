async function test() {
  try {
    const fn = () => Promise.resolve(1);
    return await fn();
  } catch {}
}
export {};
