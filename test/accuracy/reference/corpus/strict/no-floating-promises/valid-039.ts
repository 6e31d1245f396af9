function noop() {}
noop();
export {};
