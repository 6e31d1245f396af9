const Base = class {
  setThing(): void {}
};
class Sub extends Base {
  async setThing() {}
}
export {};
