declare const thenable: PromiseLike<void>;
thenable.then(() => {});
export {};
