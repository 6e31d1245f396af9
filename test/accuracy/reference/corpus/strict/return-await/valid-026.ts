async function test(x: any) {
  try {
    return await x;
  } catch {}
}
export {};
