async function test() {
  try {
    return Promise.resolve(1).then((v) => v + 1);
  } catch {}
}
export {};
