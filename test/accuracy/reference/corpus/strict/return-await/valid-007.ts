const test = async () => Promise.resolve(1);
export {};
