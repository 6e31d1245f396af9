declare let cb: (() => void) | undefined;
cb = async () => {};
export {};
