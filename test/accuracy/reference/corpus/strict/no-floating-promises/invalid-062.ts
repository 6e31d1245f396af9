class Foo {
  async method() {}
  run() {
    this.method();
  }
}
export {};
