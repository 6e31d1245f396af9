class Base {
  static setThing(): void {}
}
class Sub extends Base {
  static async setThing(): Promise<void> {}
}
export {};
