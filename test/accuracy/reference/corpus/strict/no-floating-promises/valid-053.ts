declare const fnOrPromise: () => void;
fnOrPromise();
export {};
