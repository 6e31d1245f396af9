async function test() {
  try {
    return Promise.resolve(1) as Promise<number>;
  } catch {}
}
export {};
