async function* gen() { yield 1; }
gen();
export {};
