async function test(p: Promise<number> | null) {
  try {
    return p;
  } catch {}
}
export {};
