interface SafeThenable<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null,
  ): SafeThenable<TResult1 | TResult2>;
}
let promise: SafeThenable<number> = null as any;
promise;
promise.then(() => {});
export {};
