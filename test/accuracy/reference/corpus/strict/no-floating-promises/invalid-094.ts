function f<T extends Promise<void> | undefined>(x: T) {
  x;
}
export {};
