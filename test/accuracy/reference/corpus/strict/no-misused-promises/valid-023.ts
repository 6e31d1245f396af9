declare function takesPromise(cb: () => Promise<void>): void;
takesPromise(async () => {});
export {};
