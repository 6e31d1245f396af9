async function test() {
  try {
    for (const x of [1, 2]) {
      return Promise.resolve(x);
    }
  } catch {}
}
export {};
