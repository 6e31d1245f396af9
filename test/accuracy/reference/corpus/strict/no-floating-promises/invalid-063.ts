declare const obj: { method(): Promise<void> };
obj.method();
export {};
