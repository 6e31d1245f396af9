function f(): (() => void) | (() => Promise<void>) {
  return async () => {};
}
export {};
