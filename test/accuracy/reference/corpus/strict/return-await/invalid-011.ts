async function test() {
  try {
    return await 1;
  } catch {}
}
export {};
