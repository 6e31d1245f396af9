async function test() {
  await Promise.any([]);
  Promise.any([]).catch(() => {});
}
export {};
