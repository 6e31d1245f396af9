class MyClass {
  setThing(): void {}
}
interface MyInterface extends MyClass {
  setThing(): Promise<void>;
}
export {};
