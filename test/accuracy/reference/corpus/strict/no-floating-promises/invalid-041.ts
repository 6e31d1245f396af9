declare const promiseFn: (s: TemplateStringsArray) => Promise<void>;
promiseFn`foo`;
export {};
