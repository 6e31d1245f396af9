declare const p: unknown;
p as Promise<void>;
export {};
