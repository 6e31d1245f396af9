declare function foo(cb: (x: number) => void): void;
foo(async (x) => {
  await Promise.resolve(x);
});
export {};
