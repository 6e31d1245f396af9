declare const promiseArray: ReadonlyArray<Promise<unknown>>;
promiseArray;
export {};
