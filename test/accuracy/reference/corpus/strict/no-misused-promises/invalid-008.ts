Promise.resolve() || false;
export {};
