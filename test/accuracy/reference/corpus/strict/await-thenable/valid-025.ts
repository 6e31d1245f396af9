async function f() {
  await Promise.all([Promise.resolve(1), Promise.resolve(2)]);
  await Promise.allSettled([Promise.resolve(1)]);
  await Promise.race([Promise.resolve(1)]);
  await Promise.any([Promise.resolve(1)]);
}
export {};
