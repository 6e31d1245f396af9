class Foo {
  constructor(cb: () => Promise<void>) {}
}
new Foo(async () => {});
export {};
