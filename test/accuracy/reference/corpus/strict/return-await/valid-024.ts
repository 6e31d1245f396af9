async function test() {
  try {
    return;
  } catch {}
}
export {};
