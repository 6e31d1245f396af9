function foo(x: () => void): void;
function foo(x: () => Promise<void>): void;
function foo(x: any) {}
foo(async () => {});
export {};
