class Foo {
  then = 1;
}
async function f() {
  await new Foo();
}
export {};
