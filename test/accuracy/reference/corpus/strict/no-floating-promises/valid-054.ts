async function f() {
  const promises = [Promise.resolve(1), Promise.resolve(2)];
  await Promise.all(promises);
}
export {};
