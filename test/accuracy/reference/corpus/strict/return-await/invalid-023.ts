class C {
  async method() {
    try {
      return Promise.resolve(1);
    } catch {}
  }
}
export {};
