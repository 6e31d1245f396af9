(123, Promise.resolve());
export {};
