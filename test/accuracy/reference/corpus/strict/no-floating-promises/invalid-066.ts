interface MyPromise extends Promise<number> {
  extra(): void;
}
declare const p: MyPromise;
p;
export {};
