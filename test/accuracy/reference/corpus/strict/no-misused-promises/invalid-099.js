const p = Promise.resolve({ a: 1 });
const obj = { ...p };
export {};
