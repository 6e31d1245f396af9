function test() {
  return Promise.resolve(1);
}
export {};
