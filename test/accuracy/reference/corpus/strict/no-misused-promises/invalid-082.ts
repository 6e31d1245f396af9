abstract class MyAbstractClass {
  abstract setThing(): void;
}
class MySubclass extends MyAbstractClass {
  async setThing(): Promise<void> {}
}
export {};
