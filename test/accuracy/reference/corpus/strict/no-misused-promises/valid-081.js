const obj = { a: 1 };
const copy = { ...obj };
if (copy) {
}
export {};
