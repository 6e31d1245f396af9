const test = () => 1;
export {};
