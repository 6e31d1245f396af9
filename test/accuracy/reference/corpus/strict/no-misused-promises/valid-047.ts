const f: () => void = () => {};
export {};
