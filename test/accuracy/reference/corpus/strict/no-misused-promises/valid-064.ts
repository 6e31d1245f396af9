class A {
  static async f() {}
}
export {};
