const emitter = { on(event: string, cb: () => Promise<void> | void) {} };
emitter.on('x', async () => {});
export {};
