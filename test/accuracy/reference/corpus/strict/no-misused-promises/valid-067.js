[1, 2, 3].forEach((val) => console.log(val));
async function f() {
  if (await Promise.resolve(true)) {
  }
}
export {};
