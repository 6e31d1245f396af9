declare const onRejected: (reason: unknown) => void;
Promise.resolve().catch(onRejected);
Promise.resolve().then(undefined, onRejected);
export {};
