async function f() {
  await 0;
  await 'value';
}
export {};
