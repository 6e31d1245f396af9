[1, 2, 3].some(async (x) => x > 1);
export {};
