function f(): (() => void) | undefined {
  return async () => {};
}
export {};
