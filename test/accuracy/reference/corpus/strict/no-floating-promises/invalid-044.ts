declare const array: number[];
array.map((x) => Promise.resolve(x));
export {};
