async function test() {
  await Promise.race([]);
  Promise.race([]).catch(() => {});
  return Promise.race([]);
}
export {};
