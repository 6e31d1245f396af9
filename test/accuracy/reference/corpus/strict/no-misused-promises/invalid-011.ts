async function test(p: Promise<boolean> | undefined, p2: Promise<boolean>) {
  if (p ?? p2) {
  }
}
export {};
