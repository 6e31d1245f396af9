async function f<T extends number>(x: T) {
  await x;
}
export {};
