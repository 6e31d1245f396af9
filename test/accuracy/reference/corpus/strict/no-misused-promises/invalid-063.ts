class C {
  get cb(): () => void {
    return async () => {};
  }
}
export {};
