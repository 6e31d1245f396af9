async function f<T extends Promise<number>>(x: T) {
  await x;
}
export {};
