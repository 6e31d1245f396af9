class MyClass {
  setThing(): void {
    return;
  }
}
class MySubclass extends MyClass {
  async setThing(): Promise<void> {
    await Promise.resolve();
  }
}
export {};
