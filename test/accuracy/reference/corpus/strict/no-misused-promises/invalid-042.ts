declare function foo(cb: () => void): void;
foo(async function () {});
export {};
