let f: () => void;
f = () => {};
export {};
