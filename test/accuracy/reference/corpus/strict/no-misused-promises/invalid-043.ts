declare function foo(cb: () => void): void;
foo(function () {
  return Promise.resolve();
});
export {};
