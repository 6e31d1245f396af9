async function test() {
  declare const promiseUnion: Promise<number> | number;

  promiseUnion;
}
export {};
