declare function foo(cb: () => void): void;
foo(() => Promise.resolve());
export {};
