declare const arr: ReadonlyArray<number>;
arr.forEach(async (x) => {});
export {};
