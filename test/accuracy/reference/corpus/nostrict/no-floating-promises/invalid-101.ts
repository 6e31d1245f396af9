async function f() {}
function g() {
  f().then(() => {});
}
export {};
