const a = [1, 2, 3].map(async (x) => x + 1);
void a;
export {};
