class MyPromise<T> extends Promise<T> {}
declare function make(): MyPromise<number>;
make();
export {};
