async function test(x: Promise<number> | number) {
  try {
    return x;
  } catch {}
}
export {};
