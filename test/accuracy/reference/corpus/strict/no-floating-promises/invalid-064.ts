declare const obj: { method(): Promise<void> } | undefined;
obj?.method();
export {};
