type MyType = {
  setThing(): void;
};
class MyClass implements MyType {
  async setThing(): Promise<void> {}
}
export {};
