interface MyInterface {
  setThing(): void;
}
interface MySubInterface extends MyInterface {
  setThing(): Promise<void>;
}
export {};
