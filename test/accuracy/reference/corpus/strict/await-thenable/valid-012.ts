// https://github.com/DefinitelyTyped/DefinitelyTyped/blob/master/types/bluebird/index.d.ts
declare class CatchableThenable<R> {
  then<U>(onFulfill?: (value: R) => U | PromiseLike<U>, onReject?: (error: any) => U | PromiseLike<U>): CatchableThenable<U>;
  catch<U = R>(onReject: (error: any) => U | PromiseLike<U>): CatchableThenable<U>;
}
async function test() {
  const bluebird: CatchableThenable<number> = null as any;
  await bluebird;
}
export {};
