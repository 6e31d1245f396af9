declare function foo(cb: () => void): void;
foo(() => {
  void (async () => {})();
});
export {};
