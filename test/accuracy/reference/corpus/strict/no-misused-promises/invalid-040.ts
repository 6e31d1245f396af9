declare function foo<T extends () => void>(cb: T): void;
foo(async () => {});
export {};
