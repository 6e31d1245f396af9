let f: () => void;
f = async () => {};
export {};
