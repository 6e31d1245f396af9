Promise.resolve().catch(undefined);
export {};
