async function f<T extends unknown>(x: T) {
  await x;
}
export {};
