async function test() {
  await Promise.allSettled([]);
  Promise.allSettled([]).then(() => {}, () => {});
  return Promise.allSettled([]);
}
export {};
