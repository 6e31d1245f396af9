async function test() {
  void Promise.resolve('value');
  Promise.resolve('value');
}
export {};
