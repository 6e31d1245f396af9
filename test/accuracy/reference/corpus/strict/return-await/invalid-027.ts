async function test() {
  try {
    try {
      return 1;
    } finally {
      return Promise.resolve(2);
    }
  } catch {}
}
export {};
