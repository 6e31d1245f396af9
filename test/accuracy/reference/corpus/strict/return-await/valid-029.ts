async function* test() {
  try {
    yield 1;
    return Promise.resolve(1);
  } catch {}
}
export {};
