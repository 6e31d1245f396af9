declare function setTimeoutLike(handler: Function, ms: number): void;
setTimeoutLike(async () => {}, 0);
export {};
