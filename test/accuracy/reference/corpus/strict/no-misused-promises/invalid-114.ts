declare function foo(cb: (value: number) => void): void;
foo(async (v) => {
  return v;
});
export {};
