async function f<T>(x: T) {
  await x;
}
export {};
