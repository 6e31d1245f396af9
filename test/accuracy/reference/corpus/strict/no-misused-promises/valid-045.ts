const f: () => Promise<void> = async () => {};
export {};
