function foo(x: () => void): void;
function foo(x: number, y: () => void): void;
function foo(x: any, y?: any) {}
foo(async () => {});
export {};
