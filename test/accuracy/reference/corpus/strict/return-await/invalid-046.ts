async function test() {
  label: try {
    return Promise.resolve(1);
  } catch {}
}
export {};
