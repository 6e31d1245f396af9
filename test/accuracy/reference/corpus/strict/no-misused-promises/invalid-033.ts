declare function foo(cb?: () => void): void;
foo(async () => {});
export {};
