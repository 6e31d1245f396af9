// https://github.com/DefinitelyTyped/DefinitelyTyped/blob/master/types/promise-polyfill/index.d.ts
// Type definitions for promise-polyfill 6.0
interface PromisePolyfillConstructor extends PromiseConstructor {
  _immediateFn?: (handler: (() => void) | (() => void)) => void;
}
declare const PromisePolyfill: PromisePolyfillConstructor;

async function test() {
  const promise = new PromisePolyfill(() => {});
  await promise;
  promise.then(() => {}, () => {});
  promise.then(() => {}).catch(() => {});
  promise.catch(() => {});
  return promise;
}
export {};
