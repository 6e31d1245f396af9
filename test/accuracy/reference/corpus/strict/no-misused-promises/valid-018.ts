declare const x: { a: number } | undefined;
const obj = { ...x };
export {};
