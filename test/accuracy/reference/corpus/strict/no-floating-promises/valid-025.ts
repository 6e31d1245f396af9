declare const promiseArray: Array<Promise<unknown>>;
void promiseArray;
export {};
