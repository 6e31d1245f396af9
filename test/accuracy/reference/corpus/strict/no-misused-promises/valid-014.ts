declare const p: Promise<void>;
const b = !!(await p);
export {};
