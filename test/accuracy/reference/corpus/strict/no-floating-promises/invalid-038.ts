(Promise.resolve(), 123);
export {};
