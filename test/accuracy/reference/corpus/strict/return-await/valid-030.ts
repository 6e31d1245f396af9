class C {
  async method() {
    try {
      return await Promise.resolve(1);
    } catch {}
  }
}
export {};
