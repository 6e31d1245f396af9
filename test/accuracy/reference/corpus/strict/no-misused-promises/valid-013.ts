declare const p: Promise<void>;
const ok = p || undefined;
export {};
