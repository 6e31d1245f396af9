class Foo {
  async method() {}
  check() {
    if (this.method()) {
    }
  }
}
export {};
