declare const arrOrPromise: Array<Promise<unknown>> | Promise<unknown>;
arrOrPromise;
export {};
