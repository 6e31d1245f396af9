declare function get(): Promise<number>;
get().then(console.log);
export {};
