async function test() {
  const value = (await Promise.resolve()) ? true : false;
  !(await Promise.resolve());
  (await Promise.resolve()) || false;
  (await Promise.resolve()) && true;
}
export {};
