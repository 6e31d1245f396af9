async function test() {
  declare const promiseUnion: Promise<number> | number;
  await promiseUnion;
  promiseUnion.then(() => {}, () => {});
  promiseUnion.then(() => {}).catch(() => {});
  promiseUnion.catch(() => {});
  return promiseUnion;
}
export {};
