function f(): any {
  return async () => {};
}
export {};
