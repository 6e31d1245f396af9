class MyClass {
  setThing(): void {}
}
class MySubclass extends MyClass {
  async setThing(): Promise<void> {}
}
export {};
