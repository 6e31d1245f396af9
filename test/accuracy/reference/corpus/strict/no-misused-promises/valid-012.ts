declare const x: Promise<number>;
const v = x ?? 1;
export {};
