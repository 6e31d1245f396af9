declare let cb: (() => void) | (() => Promise<void>);
cb = async () => {};
export {};
