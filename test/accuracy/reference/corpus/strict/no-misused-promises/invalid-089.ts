class MyClass {
  setThing(): void {}
}
class MySubclass extends MyClass {
  setThing = async (): Promise<void> => {};
}
export {};
