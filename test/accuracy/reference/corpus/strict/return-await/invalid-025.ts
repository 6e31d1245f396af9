async function test() {
  try {
    if (Math.random() > 0.5) {
      return Promise.resolve(1);
    }
  } catch {}
}
export {};
