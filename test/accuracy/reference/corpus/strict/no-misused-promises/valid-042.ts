const f = (): (() => unknown) => async () => {};
export {};
