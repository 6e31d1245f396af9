declare const obj: { p?: Promise<void> };
obj.p;
export {};
