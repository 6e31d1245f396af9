declare const promiseFn: () => Promise<number>;
const p = promiseFn();
p.then(() => {}, () => {});
export {};
