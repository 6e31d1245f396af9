declare const x: number;
Promise.resolve().then(() => {}, x);
export {};
