declare function foo(cb: undefined | (() => Promise<void>)): void;
foo(async () => {});
export {};
