async function f() {
  await Promise.race([1, 'a']);
}
export {};
