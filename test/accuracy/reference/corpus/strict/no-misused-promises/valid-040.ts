function f(): () => Promise<void> {
  return async () => {};
}
export {};
