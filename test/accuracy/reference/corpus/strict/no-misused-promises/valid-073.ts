declare function run(cb: () => Promise<unknown>): void;
run(async () => {});
export {};
