[1, 2, 3].filter(async (x) => x > 1);
export {};
