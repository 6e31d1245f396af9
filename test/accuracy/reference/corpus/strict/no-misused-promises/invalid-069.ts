async function g() {}
const f: () => void = g;
export {};
