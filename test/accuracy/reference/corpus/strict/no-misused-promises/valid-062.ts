abstract class MyAbstract {
  abstract setThing(): Promise<void>;
}
class MyClass extends MyAbstract {
  async setThing(): Promise<void> {}
}
export {};
