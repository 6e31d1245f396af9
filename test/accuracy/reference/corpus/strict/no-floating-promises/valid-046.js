async function test() {
  await Promise.resolve('value');
  Promise.resolve('value').then(() => {}, () => {});
  Promise.resolve('value').catch(() => {});
  void Promise.resolve('value');
  return Promise.resolve('value');
}
export {};
