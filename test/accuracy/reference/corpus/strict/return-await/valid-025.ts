async function test<T>(x: T) {
  try {
    return await x;
  } catch {}
}
export {};
