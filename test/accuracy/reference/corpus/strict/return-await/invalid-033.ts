async function test<T extends Promise<number>>(x: T) {
  try {
    return x;
  } catch {}
}
export {};
