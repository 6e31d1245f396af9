async function asyncFn() {}
async function f() {
  await asyncFn;
}
export {};
