async function test(p: Promise<void> | null) {
  p;
  p.then(() => {});
}
export {};
