interface MyInterface {
  setThing(): void | Promise<void>;
}
class MyClass implements MyInterface {
  async setThing(): Promise<void> {}
}
export {};
