abstract class MyAbstractClass {
  abstract setThing(): void;
}
abstract class MySubclass extends MyAbstractClass {
  abstract setThing(): Promise<void>;
}
export {};
