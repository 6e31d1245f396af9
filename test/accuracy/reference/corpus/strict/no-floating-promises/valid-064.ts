async function test() {
  const x = Promise.resolve(1);
  return x.then((v) => v + 1);
}
export {};
