declare const arr: number[] | string[];
arr.some(async (x: number | string) => !!x);
export {};
