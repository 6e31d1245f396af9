declare const promiseArray: Array<Promise<unknown>>;
promiseArray.then;
export {};
