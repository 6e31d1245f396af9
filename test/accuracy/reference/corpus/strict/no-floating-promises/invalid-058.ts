declare const p: Promise<void> | undefined;
p?.finally(() => {});
export {};
