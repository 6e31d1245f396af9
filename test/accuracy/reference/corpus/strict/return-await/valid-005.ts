const test = async () => 1;
export {};
