class MyClass {
  async otherThing(): Promise<void> {}
}
class MySubclass extends MyClass {
  setThing(): void {}
}
export {};
