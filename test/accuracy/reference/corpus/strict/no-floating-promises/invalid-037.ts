declare const maybePromise: Promise<void> | null;
maybePromise ?? Promise.resolve();
export {};
