interface MyInterface {
  setThing: () => void;
}
class MyClass implements MyInterface {
  async setThing(): Promise<void> {}
}
export {};
