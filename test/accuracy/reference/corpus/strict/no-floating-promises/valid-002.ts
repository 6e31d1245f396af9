async function test() {
  void Promise.resolve('value');
}
export {};
