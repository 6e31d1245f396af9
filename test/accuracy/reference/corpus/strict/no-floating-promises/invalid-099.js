Promise.resolve().catch();
Promise.resolve().then(() => {}, null);
export {};
