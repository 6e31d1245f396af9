Promise.resolve() ? 123 : 456;
export {};
