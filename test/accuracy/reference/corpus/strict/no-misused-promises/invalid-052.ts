[1, 2, 3].every(async (x) => x > 1);
export {};
