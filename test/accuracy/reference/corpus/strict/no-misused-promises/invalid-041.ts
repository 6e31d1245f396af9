declare const obj: { on(event: string, listener: (...args: any[]) => void): void };
obj.on('event', async () => {
  await Promise.resolve();
});
export {};
