declare function foo(cb: () => void): void;
foo(() => {});
foo(function () {});
export {};
