[1, 2, 3].map(async (x) => x);
export {};
