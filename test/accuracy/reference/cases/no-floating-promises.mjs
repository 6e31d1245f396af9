// Reproduced from memory from typescript-eslint's tests of no-floating-promises (v8), default options:
// checkThenables false (only Promise-typed values count; PromiseLike and user thenables do not),
// ignoreVoid true (`void p` is handling), ignoreIIFE false (an async IIFE statement is floating).
// A promise statement is handled by await, return, void, `.catch(f)` or `.then(f, g)` with a callable
// rejection handler; `.catch()`, `.catch(undefined|null)`, `.then(f)`, `.finally(f)` are not.
// Arrays of promises used as a statement are reported. The split below is my recollection; the oracle
// (typescript-eslint run over each case) gives the label that counts.
// An entry is a code string, or { code, ext: 'js'|'tsx', strictNullChecks: false }.

export const valid = [
  `
  async function test() {
    await Promise.resolve('value');
    Promise.resolve('value').then(
      () => {},
      () => {},
    );
    Promise.resolve('value')
      .then(() => {})
      .catch(() => {});
    Promise.resolve('value')
      .then(() => {})
      .catch(() => {})
      .finally(() => {});
    Promise.resolve('value').catch(() => {});
    return Promise.resolve('value');
  }
  `,
  `
  async function test() {
    void Promise.resolve('value');
  }
  `,
  `
  async function test() {
    await Promise.reject(new Error('message'));
    Promise.reject(new Error('message')).then(
      () => {},
      () => {},
    );
    Promise.reject(new Error('message'))
      .then(() => {})
      .catch(() => {});
    Promise.reject(new Error('message')).catch(() => {});
    return Promise.reject(new Error('message'));
  }
  `,
  `
  async function test() {
    await Promise.all([]);
    Promise.all([]).then(
      () => {},
      () => {},
    );
    Promise.all([]).catch(() => {});
    return Promise.all([]);
  }
  `,
  `
  async function test() {
    await Promise.race([]);
    Promise.race([]).catch(() => {});
    return Promise.race([]);
  }
  `,
  `
  async function test() {
    await Promise.allSettled([]);
    Promise.allSettled([]).then(() => {}, () => {});
    return Promise.allSettled([]);
  }
  `,
  `
  async function test() {
    await Promise.any([]);
    Promise.any([]).catch(() => {});
  }
  `,
  `
  async function test() {
    declare const promiseValue: Promise<number>;
    await promiseValue;
    promiseValue.then(
      () => {},
      () => {},
    );
    promiseValue.then(() => {}).catch(() => {});
    promiseValue
      .then(() => {})
      .catch(() => {})
      .finally(() => {});
    promiseValue.catch(() => {});
    return promiseValue;
  }
  `,
  `
  async function test() {
    declare const promiseUnion: Promise<number> | number;
    await promiseUnion;
    promiseUnion.then(() => {}, () => {});
    promiseUnion.then(() => {}).catch(() => {});
    promiseUnion.catch(() => {});
    return promiseUnion;
  }
  `,
  `
  async function test() {
    declare const promiseIntersection: Promise<number> & number;
    await promiseIntersection;
    promiseIntersection.then(() => {}, () => {});
    promiseIntersection.catch(() => {});
    return promiseIntersection;
  }
  `,
  `
  async function test() {
    class CanThen extends Promise<number> {}
    const canThen: CanThen = CanThen.resolve(2);
    await canThen;
    canThen.then(() => {}, () => {});
    canThen.then(() => {}).catch(() => {});
    canThen.catch(() => {});
    return canThen;
  }
  `,
  `
  async function test() {
    await (Math.random() > 0.5 ? numberPromise : 0);
    await (Math.random() > 0.5 ? foo : 0);
    await (Math.random() > 0.5 ? bar : 0);

    declare const intersectionPromise: Promise<number> & number;
    await intersectionPromise;
  }
  declare const numberPromise: Promise<number>;
  declare const foo: Promise<void>;
  declare const bar: Promise<string>;
  `,
  `
  async function test() {
    class Thenable {
      then(callback: () => void): Thenable {
        return new Thenable();
      }
    }
    const thenable = new Thenable();

    await thenable;
    thenable;
    thenable.then(() => {});
    return thenable;
  }
  `,
  `
  async function test() {
    class NonFunctionParamThenable {
      then(param: string, param2: number): NonFunctionParamThenable {
        return new NonFunctionParamThenable();
      }
    }
    const thenable = new NonFunctionParamThenable();
    thenable;
    thenable.then('abc', 'def');
    return thenable;
  }
  `,
  `
  async function test() {
    class NonFunctionThenable {
      then: number;
    }
    const thenable = new NonFunctionThenable();
    thenable;
    thenable.then;
    return thenable;
  }
  `,
  `
  async function test() {
    class CatchableThenable {
      then(callback: () => void, callback: () => void): CatchableThenable {
        return new CatchableThenable();
      }
    }
    const thenable = new CatchableThenable();
    await thenable;
    return thenable;
  }
  `,
  `
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
  `,
  `
  async function test() {
    declare const returnsPromise: () => Promise<void> | null;
    await returnsPromise?.();
    returnsPromise()?.then(
      () => {},
      () => {},
    );
    returnsPromise()
      ?.then(() => {})
      ?.catch(() => {});
    returnsPromise()?.catch(() => {});
    return returnsPromise();
  }
  `,
  `
  const doSomething = async (
    obj1: { a?: { b?: { c?: () => Promise<void> } } },
    obj2: { a?: { b?: { c: () => Promise<void> } } },
    obj3: { a?: { b: { c?: () => Promise<void> } } },
  ) => {
    await obj1.a?.b?.c?.();
    await obj2.a?.b?.c();
    await obj3.a?.b.c?.();
  };
  `,
  `
  async function test() {
    declare const returnsPromise: () => Promise<void>;
    void returnsPromise();
  }
  `,
  `
  async function test() {
    declare const maybe: Promise<void> | undefined;
    void maybe;
  }
  `,
  `
  async function foo() {
    await (async () => {})();
  }
  `,
  `
  declare const x: any;
  x();
  x.foo();
  `,
  `
  declare const x: unknown;
  (x as any)();
  `,
  `
  declare const promiseArray: Array<Promise<unknown>>;
  void promiseArray;
  `,
  `
  declare const promiseArray: Array<Promise<unknown>>;
  async function f() {
    await Promise.all(promiseArray);
    await Promise.allSettled(promiseArray);
  }
  `,
  `
  declare const promiseArray: Array<Promise<unknown>>;
  Promise.all(promiseArray).catch(() => {});
  `,
  `
  // a thenable that is not a Promise is not reported by default (checkThenables: false)
  declare const thenable: PromiseLike<void>;
  thenable;
  `,
  `
  declare function getThenable(): PromiseLike<number>;
  getThenable();
  getThenable().then(() => {});
  `,
  `
  interface SafeThenable<T> {
    then<TResult1 = T, TResult2 = never>(
      onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
      onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null,
    ): SafeThenable<TResult1 | TResult2>;
  }
  let promise: SafeThenable<number> = null as any;
  promise;
  promise.then(() => {});
  `,
  `
  declare const arrayOfThenables: PromiseLike<void>[];
  arrayOfThenables;
  `,
  `
  const a = [1, 2, 3].map(async (x) => x + 1);
  void a;
  `,
  `
  async function f() {
    await Promise.all([1, 2, 3].map(async (x) => x + 1));
  }
  `,
  `
  declare const promiseFn: () => Promise<number>;
  const p = promiseFn();
  p.then(() => {}, () => {});
  `,
  `
  // assignments are not statements of a promise
  declare function f(): Promise<void>;
  let p: Promise<void>;
  p = f();
  `,
  `
  class Foo {
    p = Promise.resolve();
    q: Promise<void> = Promise.reject(new Error());
  }
  `,
  `
  async function* gen() { yield 1; }
  gen();
  `,
  `
  declare const value: number;
  value;
  `,
  `
  function noop() {}
  noop();
  `,
  `
  async function f() {
    await Promise.resolve().then(() => {}).finally(() => {});
  }
  `,
  `
  Promise.resolve().then(
    () => {},
    (error) => console.error(error),
  );
  `,
  `
  declare const onRejected: (reason: unknown) => void;
  Promise.resolve().catch(onRejected);
  Promise.resolve().then(undefined, onRejected);
  `,
  `
  Promise.resolve().then(() => {}, function () {});
  `,
  `
  const p = Promise.reject(new Error('x')).catch(() => {});
  `,
  `
  async function f() {
    return Promise.resolve().then(() => 1);
  }
  `,
  {
    code: `
    async function test() {
      await Promise.resolve('value');
      Promise.resolve('value').then(() => {}, () => {});
      Promise.resolve('value').catch(() => {});
      void Promise.resolve('value');
      return Promise.resolve('value');
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function load() { return 1; }
    load().catch(() => {});
    load().then(() => {}, () => {});
    void load();
    `,
    ext: 'js',
  },
  {
    code: `
    const thenable = { then(resolve) { resolve(1); } };
    thenable.then(() => {});
    `,
    ext: 'js',
  },
  {
    code: `
    async function f(maybe: Promise<void> | null) {
      await maybe;
      maybe?.catch(() => {});
    }
    `,
    strictNullChecks: false,
  },
  {
    code: `
    async function test() {
      await Promise.resolve('value');
      Promise.resolve('value').catch(() => {});
      void Promise.resolve('value');
    }
    `,
    strictNullChecks: false,
  },
  `
  async function test() {
    declare const promise: Promise<void>;
    await (promise as Promise<void>);
    void (promise satisfies Promise<void>);
  }
  `,
  `
  // a statement of an array that contains no promise
  [1, 2, 3];
  `,
  `
  declare const fnOrPromise: () => void;
  fnOrPromise();
  `,
  `
  async function f() {
    const promises = [Promise.resolve(1), Promise.resolve(2)];
    await Promise.all(promises);
  }
  `,
  `
  declare const maybeCallback: (() => Promise<void>) | undefined;
  void maybeCallback?.();
  `,
];

export const invalid = [
  `
  async function test() {
    Promise.resolve('value');
    Promise.resolve('value').then(() => {});
    Promise.resolve('value').catch();
    Promise.resolve('value').finally();
  }
  `,
  `
  const doSomething = async (
    obj1: { a?: { b?: { c?: () => Promise<void> } } },
    obj2: { a?: { b?: { c: () => Promise<void> } } },
    obj3: { a?: { b: { c?: () => Promise<void> } } },
    obj4: { a: { b: { c?: () => Promise<void> } } },
    obj5: { a?: () => { b?: { c?: () => Promise<void> } } },
    obj6?: { a: { b: { c?: () => Promise<void> } } },
    callback?: () => Promise<void>,
  ): Promise<void> => {
    obj1.a?.b?.c?.();
    obj2.a?.b?.c();
    obj3.a?.b.c?.();
    obj4.a.b.c?.();
    obj5.a?.().b?.c?.();
    obj6?.a.b.c?.();

    callback?.();
  };

  doSomething();
  `,
  `
  const doSomething = async () => {};
  doSomething();
  `,
  `
  async function test() {
    Promise.reject(new Error('message'));
    Promise.reject(new Error('message')).then(() => {});
    Promise.reject(new Error('message')).catch();
    Promise.reject(new Error('message')).finally();
  }
  `,
  `
  async function test() {
    Promise.all([]);
    Promise.all([]).then(() => {});
    Promise.all([]).catch();
    Promise.all([]).finally();
  }
  `,
  `
  async function test() {
    Promise.race([]);
    Promise.allSettled([]);
    Promise.any([]);
  }
  `,
  `
  async function test() {
    declare const promiseValue: Promise<number>;

    promiseValue;
    promiseValue.then(() => {});
    promiseValue.catch();
    promiseValue.finally();
  }
  `,
  `
  async function test() {
    declare const promiseUnion: Promise<number> | number;

    promiseUnion;
  }
  `,
  `
  async function test() {
    declare const promiseIntersection: Promise<number> & number;

    promiseIntersection;
    promiseIntersection.then(() => {});
    promiseIntersection.catch();
  }
  `,
  `
  async function test() {
    class CanThen extends Promise<number> {}
    const canThen: CanThen = CanThen.resolve(2);

    canThen;
    canThen.then(() => {});
    canThen.catch();
    canThen.finally();
  }
  `,
  `
  async function test() {
    class CatchableThenable extends Promise<number> {}
    declare const thenable: CatchableThenable;
    thenable.finally(() => {});
  }
  `,
  `
  // https://github.com/DefinitelyTyped/DefinitelyTyped/blob/master/types/promise-polyfill/index.d.ts
  interface PromisePolyfillConstructor extends PromiseConstructor {
    _immediateFn?: (handler: (() => void) | (() => void)) => void;
  }
  declare const PromisePolyfill: PromisePolyfillConstructor;

  async function test() {
    const promise = new PromisePolyfill(() => {});

    promise;
    promise.then(() => {});
    promise.catch();
  }
  `,
  `
  async function test() {
    declare const returnsPromise: () => Promise<void> | null;
    returnsPromise()?.then(() => {});
  }
  `,
  `
  async function test() {
    declare const returnsPromise: () => Promise<void> | null;
    returnsPromise?.();
  }
  `,
  `
  async function test() {
    declare const returnsPromise: () => Promise<void> | null;
    returnsPromise()?.finally(() => {});
  }
  `,
  `
  (async () => {
    await something();
  })();
  declare function something(): Promise<void>;
  `,
  `
  (async () => {
    something();
  })();
  declare function something(): Promise<void>;
  `,
  `
  (async function foo() {})();
  `,
  `
  function foo() {
    (async function bar() {})();
  }
  `,
  `
  const foo = () =>
    new Promise((res) => {
      (async function () {
        await res(1);
      })();
    });
  `,
  `
  (async function () {
    await res(1);
  })();
  declare function res(n: number): Promise<void>;
  `,
  `
  async function test() {
    Promise.resolve().then(() => {}, undefined);
  }
  `,
  `
  async function test() {
    Promise.resolve().then(() => {}, null);
  }
  `,
  `
  async function test() {
    Promise.resolve().catch(undefined);
  }
  `,
  `
  async function test() {
    Promise.resolve().catch(null);
  }
  `,
  `
  declare const x: number;
  Promise.resolve().then(() => {}, x);
  `,
  `
  declare const x: number;
  Promise.resolve().catch(x);
  `,
  `
  declare const maybeHandler: ((reason: unknown) => void) | undefined;
  Promise.resolve().catch(maybeHandler);
  `,
  `
  async function test() {
    declare const promise: Promise<void>;
    promise.catch(() => {}).finally(() => {}).then(() => {});
  }
  `,
  `
  new Promise((resolve) => resolve());
  `,
  `
  new Promise<void>((resolve) => {
    resolve();
  }).then(() => {});
  `,
  `
  declare const condition: boolean;
  condition ? Promise.resolve() : Promise.resolve();
  `,
  `
  declare const condition: boolean;
  condition ? Promise.resolve() : 1;
  `,
  `
  declare const condition: boolean;
  condition && Promise.resolve();
  `,
  `
  declare const condition: boolean;
  condition || Promise.resolve();
  `,
  `
  declare const condition: boolean | null;
  condition ?? Promise.resolve();
  `,
  `
  declare const maybePromise: Promise<void> | null;
  maybePromise ?? Promise.resolve();
  `,
  `
  (Promise.resolve(), 123);
  `,
  `
  (123, Promise.resolve());
  `,
  `
  (Promise.resolve(), Promise.resolve());
  `,
  `
  declare const promiseFn: (s: TemplateStringsArray) => Promise<void>;
  promiseFn\`foo\`;
  `,
  `
  declare const promiseArray: Array<Promise<unknown>>;
  promiseArray;
  `,
  `
  [1, 2, 3].map(async (x) => x + 1);
  `,
  `
  declare const array: number[];
  array.map((x) => Promise.resolve(x));
  `,
  `
  [Promise.resolve(), Promise.reject(new Error())];
  `,
  `
  declare const promiseArray: ReadonlyArray<Promise<unknown>>;
  promiseArray;
  `,
  `
  declare const promiseTuple: [Promise<unknown>, Promise<unknown>];
  promiseTuple;
  `,
  `
  declare const maybeArray: Array<Promise<unknown>> | undefined;
  maybeArray?.slice();
  `,
  `
  declare const obj: { arr: Array<Promise<void>> };
  obj['arr'];
  `,
  `
  declare const arrOrPromise: Array<Promise<unknown>> | Promise<unknown>;
  arrOrPromise;
  `,
  `
  declare const promiseArray: Array<Promise<unknown>>;
  promiseArray.then;
  `,
  `
  async function f<T extends Promise<number>>(x: T) {
    x;
  }
  `,
  `
  async function f<T extends Promise<number>[]>(x: T) {
    x;
  }
  `,
  `
  declare function returnsPromiseOrNumber(): Promise<void> | number;
  returnsPromiseOrNumber();
  `,
  `
  Promise.resolve() as Promise<void>;
  `,
  `
  declare const p: unknown;
  p as Promise<void>;
  `,
  `
  declare const p: Promise<void>;
  p satisfies Promise<void>;
  `,
  `
  declare const p: Promise<void> | undefined;
  p?.finally(() => {});
  `,
  `
  declare const p: Promise<void>;
  p!;
  `,
  `
  async function returnsPromise() {
    return 'value';
  }
  returnsPromise().then(() => {}).finally(() => {});
  `,
  `
  async function returnsPromise() {
    return 'value';
  }
  returnsPromise().catch(() => {}).then(() => {});
  `,
  `
  class Foo {
    async method() {}
    run() {
      this.method();
    }
  }
  `,
  `
  declare const obj: { method(): Promise<void> };
  obj.method();
  `,
  `
  declare const obj: { method(): Promise<void> } | undefined;
  obj?.method();
  `,
  `
  class MyPromise<T> extends Promise<T> {}
  declare function make(): MyPromise<number>;
  make();
  `,
  `
  interface MyPromise extends Promise<number> {
    extra(): void;
  }
  declare const p: MyPromise;
  p;
  `,
  `
  async function f() {}
  f().then(() => {});
  `,
  `
  async function f() {
    const v = await Promise.resolve(1);
    Promise.resolve(v);
  }
  `,
  `
  declare function fetchData(): Promise<string>;
  function handler() {
    fetchData();
  }
  `,
  `
  declare function fetchData(): Promise<string>;
  export default function handler() {
    fetchData().then((data) => console.log(data));
  }
  `,
  `
  async function test() {
    void Promise.resolve('value');
    Promise.resolve('value');
  }
  `,
  `
  declare let p: Promise<void>;
  (p);
  `,
  `
  Promise.reject(new Error('x')).then(null, undefined);
  `,
  {
    code: `
    async function load() { return 1; }
    load();
    `,
    ext: 'js',
  },
  {
    code: `
    async function load() { return 1; }
    load().then(() => {});
    `,
    ext: 'js',
  },
  {
    code: `
    Promise.resolve('value').finally(() => {});
    `,
    ext: 'js',
  },
  {
    code: `
    (async () => {
      await Promise.resolve();
    })();
    `,
    ext: 'js',
  },
  {
    code: `
    [1, 2, 3].map(async (x) => x);
    `,
    ext: 'js',
  },
  {
    code: `
    new Promise((resolve) => resolve(1));
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      Promise.resolve('value');
      Promise.resolve('value').then(() => {});
      Promise.resolve('value').catch();
    }
    `,
    strictNullChecks: false,
  },
  {
    code: `
    async function test(p: Promise<void> | null) {
      p;
      p.then(() => {});
    }
    `,
    strictNullChecks: false,
  },
  {
    code: `
    declare const returnsPromise: () => Promise<void> | null;
    returnsPromise?.();
    `,
    strictNullChecks: false,
  },
  {
    code: `
    Promise.resolve().catch(undefined);
    `,
    strictNullChecks: false,
  },
];

// ---- more cases: thenables, calls that return their argument, promise subclasses, JS
valid.push(
  `
  // a fluent builder with its own then (a query or reply builder) is a thenable, not a Promise
  class Query {
    where(x: string): this {
      return this;
    }
    then<T>(onfulfilled?: (value: number[]) => T, onrejected?: (reason: unknown) => T): Promise<T> {
      return Promise.resolve([]).then(onfulfilled, onrejected);
    }
  }
  declare const query: Query;
  query.where('a');
  query.where('a').then(() => {});
  `,
  `
  declare const thenable: PromiseLike<void>;
  thenable.then(() => {});
  `,
  `
  declare function vscodeLike(): Thenable<void>;
  interface Thenable<T> extends PromiseLike<T> {}
  vscodeLike();
  `,
  `
  async function f() {
    const promise = Promise.resolve(1);
    Object.freeze(promise);
  }
  `,
  `
  async function f() {
    const results = await Promise.allSettled([Promise.reject(new Error())]);
    return results;
  }
  `,
  `
  Promise.allSettled([Promise.reject(new Error())]).then((results) => console.log(results), () => {});
  `,
  `
  declare const p: Promise<void>;
  void p.then(() => {});
  `,
  `
  declare const list: Promise<void>[];
  void Promise.all(list);
  `,
  `
  async function test() {
    const x = Promise.resolve(1);
    return x.then((v) => v + 1);
  }
  `,
  `
  declare function returnsVoid(): void;
  returnsVoid();
  `,
  {
    code: `
    async function f() {
      await Promise.all([1, 2].map(async (x) => x));
    }
    `,
    ext: 'js',
  },
  {
    code: `
    function handler() {
      fetchLater().catch((error) => console.error(error));
    }
    async function fetchLater() {}
    `,
    ext: 'js',
  },
  {
    code: `
    class Builder {
      then(resolve) { resolve(1); }
    }
    new Builder();
    new Builder().then(() => {});
    `,
    ext: 'js',
  },
);
invalid.push(
  `
  async function f() {
    const promise = Promise.resolve(1);
    Object.assign(promise, { extra: true });
  }
  `,
  `
  async function f() {
    Promise.resolve(1).then((x) => x + 1);
  }
  `,
  `
  declare function get(): Promise<number>;
  get().then(console.log);
  `,
  `
  declare function get(): Promise<number>;
  get().then((value) => value, undefined);
  `,
  `
  Promise.allSettled([Promise.reject(new Error())]).then((results) => console.log(results));
  `,
  `
  class Service {
    private async save() {}
    handle() {
      this.save();
    }
  }
  `,
  `
  declare const services: { start(): Promise<void> }[];
  for (const s of services) {
    s.start();
  }
  `,
  `
  async function main() {
    try {
      Promise.reject(new Error('x'));
    } catch {}
  }
  `,
  `
  declare const maybe: (() => Promise<void>) | undefined;
  maybe?.();
  `,
  `
  async function f() {
    const arr = [Promise.resolve(1), 2];
    arr;
  }
  `,
  `
  function f<T extends Promise<void> | undefined>(x: T) {
    x;
  }
  `,
  `
  declare const obj: { p?: Promise<void> };
  obj.p;
  `,
  `
  declare const obj: { list: Promise<void>[] } | undefined;
  obj?.list;
  `,
  {
    code: `
    async function save() {}
    class Service {
      handle() {
        save();
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    const p = Promise.reject(new Error('x'));
    p;
    `,
    ext: 'js',
  },
  {
    code: `
    Promise.resolve().catch();
    Promise.resolve().then(() => {}, null);
    `,
    ext: 'js',
  },
  {
    code: `
    async function f() {}
    f().finally(() => {});
    `,
    ext: 'js',
  },
  {
    code: `
    async function f() {}
    function g() {
      f().then(() => {});
    }
    `,
    strictNullChecks: false,
  },
);
