declare function foo(...args: [number, () => void]): void;
foo(1, async () => {});
export {};
