class Foo {
  p = Promise.resolve();
  q: Promise<void> = Promise.reject(new Error());
}
export {};
