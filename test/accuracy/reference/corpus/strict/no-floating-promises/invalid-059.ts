declare const p: Promise<void>;
p!;
export {};
