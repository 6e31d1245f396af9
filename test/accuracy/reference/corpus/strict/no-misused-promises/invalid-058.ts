function f(): () => void {
  return async () => {};
}
export {};
