declare const promiseArray: Array<Promise<unknown>>;
promiseArray;
export {};
