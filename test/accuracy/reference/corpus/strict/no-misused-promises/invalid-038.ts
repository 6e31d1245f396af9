class Foo {
  bar(cb: () => void) {}
}
new Foo().bar(async () => {});
export {};
