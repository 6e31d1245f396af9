const f: () => void = async () => {};
export {};
