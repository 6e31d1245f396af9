declare const x: unknown;
(x as any)();
export {};
