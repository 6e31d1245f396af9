declare function getThenable(): PromiseLike<number>;
getThenable();
getThenable().then(() => {});
export {};
