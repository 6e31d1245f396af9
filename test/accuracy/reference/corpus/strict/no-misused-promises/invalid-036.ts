declare function foo(...cbs: Array<() => void>): void;
foo(
  () => {},
  async () => {},
);
export {};
