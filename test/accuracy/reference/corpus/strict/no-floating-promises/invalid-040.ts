(Promise.resolve(), Promise.resolve());
export {};
