async function asyncFn() {}
declare function foo(cb: () => void): void;
foo(asyncFn);
export {};
