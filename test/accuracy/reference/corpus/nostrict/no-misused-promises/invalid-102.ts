declare function foo(cb: (() => void) | undefined): void;
foo(async () => {});
export {};
