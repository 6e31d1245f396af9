async function test() {
  try {
    const fn = async () => {
      return Promise.resolve(1);
    };
    return await fn();
  } catch {}
}
export {};
