async function test() {
  while (await Promise.resolve()) {}
  do {} while (await Promise.resolve());
  for (; await Promise.resolve(); ) {}
}
export {};
