interface MyInterface {
  setThing(): any;
}
class MyClass implements MyInterface {
  async setThing(): Promise<void> {}
}
export {};
