async function test(p: Promise<boolean> | undefined) {
  if (p ?? false) {
  }
}
export {};
