// a thenable that is not a Promise is not reported by default (checkThenables: false)
declare const thenable: PromiseLike<void>;
thenable;
export {};
