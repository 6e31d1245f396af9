class MyClass {
  setThing(): Promise<void> {
    return Promise.resolve();
  }
}
class MySubclass extends MyClass {
  async setThing(): Promise<void> {}
}
export {};
