async function ready() { return true; }
const r = ready() ? 1 : 2;
export {};
