declare function foo(...cbs: Array<() => Promise<void>>): void;
foo(async () => {}, async () => {});
export {};
