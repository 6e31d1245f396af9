declare const obj: { arr: Array<Promise<void>> };
obj['arr'];
export {};
