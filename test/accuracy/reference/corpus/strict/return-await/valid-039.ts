async function test() {
  try {
    return await Promise.resolve(1).then((v) => v + 1);
  } catch {}
}
export {};
