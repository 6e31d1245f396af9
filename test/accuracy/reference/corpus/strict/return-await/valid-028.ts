async function test() {
  try {
    return Promise.resolve(1).catch(() => 2) as unknown as number;
  } catch {}
}
export {};
