const test = async () => await 1;
export {};
