declare const arr: readonly number[];
arr.filter(async (x) => x > 1);
export {};
