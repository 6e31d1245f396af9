const obj: { f?: () => Promise<void> } = {};
obj.f = async () => {};
export {};
