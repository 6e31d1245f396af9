[1, 2, 3].find(async (x) => x > 1);
export {};
