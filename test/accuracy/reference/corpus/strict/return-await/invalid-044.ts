async function test() {
  try {
    return Promise.all([Promise.resolve(1)]);
  } catch {}
}
export {};
