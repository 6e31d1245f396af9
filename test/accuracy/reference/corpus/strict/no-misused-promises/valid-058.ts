class MyClass {
  setThing(): void {}
}
class MySubclass extends MyClass {
  setThing(): void {}
}
export {};
