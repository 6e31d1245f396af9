interface MyInterface {
  setThing(): void;
}
interface MyOtherInterface {
  other(): void;
}
class MyClass implements MyInterface, MyOtherInterface {
  async setThing(): Promise<void> {}
  async other(): Promise<void> {}
}
export {};
