async function test() {
  try {
    await Promise.resolve();
  } catch {}
  return Promise.resolve(1);
}
export {};
