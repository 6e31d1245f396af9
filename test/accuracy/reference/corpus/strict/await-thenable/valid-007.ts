async function test() {
  const numberPromise: Promise<number> = Promise.resolve(1);
  await numberPromise;
}
export {};
