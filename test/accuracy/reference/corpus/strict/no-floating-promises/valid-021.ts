async function test() {
  declare const maybe: Promise<void> | undefined;
  void maybe;
}
export {};
