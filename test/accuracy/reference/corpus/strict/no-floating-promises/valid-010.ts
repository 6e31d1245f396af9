async function test() {
  declare const promiseIntersection: Promise<number> & number;
  await promiseIntersection;
  promiseIntersection.then(() => {}, () => {});
  promiseIntersection.catch(() => {});
  return promiseIntersection;
}
export {};
