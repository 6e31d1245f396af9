declare const p: Promise<object>;
const arr = [...[p]];
export {};
