declare const x: number;
Promise.resolve().catch(x);
export {};
