const arr = [1, 2, 3];
const found = arr.find((x) => x > 1);
const some = arr.some((x) => x > 1);
export {};
