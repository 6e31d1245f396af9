async function test() {
  await Promise.all([]);
  Promise.all([]).then(
    () => {},
    () => {},
  );
  Promise.all([]).catch(() => {});
  return Promise.all([]);
}
export {};
