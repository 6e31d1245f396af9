[1, 2, 3].findIndex(async (x) => x > 1);
export {};
