const obj: { f?: () => void } = {};
obj.f = async () => {};
export {};
