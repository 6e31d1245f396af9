declare const p: Promise<void>;
p satisfies Promise<void>;
export {};
