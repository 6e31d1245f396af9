async function f<T extends Promise<number>[]>(x: T) {
  x;
}
export {};
