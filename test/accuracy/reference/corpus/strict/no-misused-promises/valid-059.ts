interface MyInterface {
  setThing(): Promise<void>;
}
class MyClass implements MyInterface {
  async setThing(): Promise<void> {}
}
export {};
