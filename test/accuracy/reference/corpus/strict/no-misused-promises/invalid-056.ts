declare const tuple: [number, string];
tuple.find(async (x) => !!x);
export {};
