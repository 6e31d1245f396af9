const test = async () => await Promise.resolve(1);
export {};
