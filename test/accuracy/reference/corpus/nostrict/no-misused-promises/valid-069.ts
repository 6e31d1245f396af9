class Closer {
  closing: Promise<void> | null = null;
  close() {
    if (this.closing) return this.closing;
    this.closing = Promise.resolve();
    return this.closing;
  }
}
export {};
