declare function foo(cb: () => void): void;
foo(() => {
  (async () => {})().catch(() => {});
});
export {};
