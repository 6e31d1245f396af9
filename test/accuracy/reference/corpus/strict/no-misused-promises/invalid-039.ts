class Foo {
  constructor(cb: () => void) {}
}
new Foo(async () => {});
export {};
