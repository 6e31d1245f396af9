declare const p: Promise<boolean>;
const value = Promise.resolve() || (await p) || false;
export {};
