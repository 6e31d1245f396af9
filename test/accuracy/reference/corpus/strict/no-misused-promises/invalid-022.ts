declare const p: Promise<{ a: number }> | undefined;
const obj = { ...p };
export {};
