declare const promise: Promise<boolean>;
const value = promise ? 1 : 2;
export {};
