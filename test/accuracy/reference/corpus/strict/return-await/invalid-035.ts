declare const maybe: Promise<number> | undefined;
async function test() {
  try {
    return maybe;
  } catch {}
}
export {};
