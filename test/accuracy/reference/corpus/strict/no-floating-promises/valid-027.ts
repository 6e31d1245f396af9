declare const promiseArray: Array<Promise<unknown>>;
Promise.all(promiseArray).catch(() => {});
export {};
