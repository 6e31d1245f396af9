Promise.resolve() as Promise<void>;
export {};
