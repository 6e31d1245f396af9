async function test() {
  class CanThen extends Promise<number> {}
  const canThen: CanThen = CanThen.resolve(2);
  await canThen;
  canThen.then(() => {}, () => {});
  canThen.then(() => {}).catch(() => {});
  canThen.catch(() => {});
  return canThen;
}
export {};
