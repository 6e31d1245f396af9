declare function foo(cb: (x: number) => void): void;
foo(async function* () {});
export {};
