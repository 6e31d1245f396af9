declare const promiseTuple: [Promise<unknown>, Promise<unknown>];
promiseTuple;
export {};
