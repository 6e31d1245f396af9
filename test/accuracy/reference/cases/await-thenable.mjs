// Reproduced from memory from typescript-eslint's tests of await-thenable (v8): `await` of a value
// that is not thenable (nor any/unknown, nor a type that may be thenable: unions with a thenable,
// unconstrained generics), `for await` over a sync iterable, `await using` of a value that is not
// AsyncDisposable, and non-thenable inputs to Promise.all/allSettled/race/any are reported.
// The valid/invalid split is my recollection; the oracle's label counts.

export const valid = [
  `
  async function test() {
    await Promise.resolve('value');
    await Promise.reject(new Error('message'));
  }
  `,
  `
  async function test() {
    await (async () => true)();
  }
  `,
  `
  async function test() {
    function returnsPromise() {
      return Promise.resolve('value');
    }
    await returnsPromise();
  }
  `,
  `
  async function test() {
    async function returnsPromiseAsync() {}
    await returnsPromiseAsync();
  }
  `,
  `
  async function test() {
    let anyValue: any;
    await anyValue;
  }
  `,
  `
  async function test() {
    let unknownValue: unknown;
    await unknownValue;
  }
  `,
  `
  async function test() {
    const numberPromise: Promise<number> = Promise.resolve(1);
    await numberPromise;
  }
  `,
  `
  async function test() {
    class Foo extends Promise<number> {}
    const foo: Foo = Foo.resolve(2);
    await foo;

    class Bar extends Foo {}
    const bar: Bar = Bar.resolve(2);
    await bar;
  }
  `,
  `
  async function test() {
    await (Math.random() > 0.5 ? numberPromise : 0);
    await (Math.random() > 0.5 ? foo : 0);
    await (Math.random() > 0.5 ? bar : 0);

    const intersectionPromise: Promise<number> & number = null as any;
    await intersectionPromise;
  }
  declare const numberPromise: Promise<number>;
  declare const foo: Promise<void>;
  declare const bar: Promise<string>;
  `,
  `
  async function test() {
    class Thenable {
      then(callback: () => {}) {}
    }
    const thenable = new Thenable();
    await thenable;
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
    await promise;
  }
  `,
  `
  // https://github.com/DefinitelyTyped/DefinitelyTyped/blob/master/types/bluebird/index.d.ts
  declare class CatchableThenable<R> {
    then<U>(onFulfill?: (value: R) => U | PromiseLike<U>, onReject?: (error: any) => U | PromiseLike<U>): CatchableThenable<U>;
    catch<U = R>(onReject: (error: any) => U | PromiseLike<U>): CatchableThenable<U>;
  }
  async function test() {
    const bluebird: CatchableThenable<number> = null as any;
    await bluebird;
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
  declare const thenable: PromiseLike<number>;
  async function f() {
    await thenable;
  }
  `,
  `
  async function f<T>(x: T) {
    await x;
  }
  `,
  `
  async function f<T extends Promise<number>>(x: T) {
    await x;
  }
  `,
  `
  async function f<T extends unknown>(x: T) {
    await x;
  }
  `,
  `
  declare const maybe: Promise<number> | undefined;
  async function f() {
    await maybe;
  }
  `,
  `
  async function* gen() {
    yield 1;
  }
  async function f() {
    for await (const x of gen()) {
    }
  }
  `,
  `
  declare const asyncIterable: AsyncIterable<string>;
  async function f() {
    for await (const s of asyncIterable) {
    }
  }
  `,
  `
  declare const anyIterable: any;
  async function f() {
    for await (const s of anyIterable) {
    }
  }
  `,
  `
  async function f() {
    await using x = {
      async [Symbol.asyncDispose]() {},
    };
  }
  `,
  `
  async function f() {
    await using x = null;
    await using y = undefined;
  }
  `,
  `
  declare const d: AsyncDisposable | Disposable;
  async function f() {
    await using x = d;
  }
  `,
  `
  async function f() {
    await Promise.all([Promise.resolve(1), Promise.resolve(2)]);
    await Promise.allSettled([Promise.resolve(1)]);
    await Promise.race([Promise.resolve(1)]);
    await Promise.any([Promise.resolve(1)]);
  }
  `,
  `
  declare const arr: Promise<number>[];
  async function f() {
    await Promise.all(arr);
  }
  `,
  `
  declare const arr: unknown[];
  async function f() {
    await Promise.all(arr);
  }
  `,
  `
  async function f() {
    const p = new Promise<void>((resolve) => resolve());
    await p;
  }
  `,
  `
  async function f() {
    await (Promise.resolve(1) as Promise<number>);
  }
  `,
  {
    code: `
    async function test() {
      await Promise.resolve('value');
      async function g() {}
      await g();
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function f(x) {
      await x;
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function f(maybe: Promise<number> | null) {
      await maybe;
    }
    `,
    strictNullChecks: false,
  },
];

export const invalid = [
  `
  async function test() {
    await 0;
    await 'value';
    await (Math.random() > 0.5 ? '' : 0);
    class NonPromise extends Array {}
    await new NonPromise();
  }
  `,
  `
  async function test() {
    await 0;
  }
  `,
  `
  async function test() {
    await 'value';
  }
  `,
  `
  async function test() {
    await {};
  }
  `,
  `
  async function test() {
    class NonPromise extends Array {}
    await new NonPromise();
  }
  `,
  `
  async function test() {
    class IncorrectThenable {
      then() {}
    }
    const thenable = new IncorrectThenable();
    await thenable;
  }
  `,
  `
  declare const callback: (() => void) | undefined;
  async function f() {
    await callback?.();
  }
  `,
  `
  declare const obj: { a?: { b?: () => void } };
  async function f() {
    await obj.a?.b?.();
  }
  `,
  `
  declare const obj: { a: { b: { c?: () => void } } } | undefined;
  async function f() {
    await obj?.a.b.c?.();
  }
  `,
  `
  function syncFn() {}
  async function f() {
    await syncFn();
  }
  `,
  `
  async function asyncFn() {}
  async function f() {
    await asyncFn;
  }
  `,
  `
  async function f() {
    await (() => Promise.resolve());
  }
  `,
  `
  async function f<T extends number>(x: T) {
    await x;
  }
  `,
  `
  declare const n: number | string;
  async function f() {
    await n;
  }
  `,
  `
  async function f() {
    await null;
  }
  `,
  `
  async function f() {
    await undefined;
  }
  `,
  `
  async function f() {
    for await (const s of ['a', 'b']) {
    }
  }
  `,
  `
  declare const iterable: Iterable<string>;
  async function f() {
    for await (const s of iterable) {
    }
  }
  `,
  `
  async function f() {
    for await (const p of [Promise.resolve(1), Promise.resolve(2)]) {
    }
  }
  `,
  `
  async function f() {
    await using x = {
      [Symbol.dispose]() {},
    };
  }
  `,
  `
  declare const d: Disposable;
  async function f() {
    await using a = d,
      b = d;
  }
  `,
  `
  declare const sync: Disposable;
  declare const asyncD: AsyncDisposable;
  async function f() {
    await using a = asyncD,
      b = sync;
  }
  `,
  `
  async function f() {
    await Promise.all([1, 2, 3]);
  }
  `,
  `
  async function f() {
    await Promise.all([Promise.resolve(1), 2]);
  }
  `,
  `
  async function f() {
    await Promise.allSettled([1]);
  }
  `,
  `
  async function f() {
    await Promise.race([1, 'a']);
  }
  `,
  `
  async function f() {
    await Promise.any([0]);
  }
  `,
  `
  declare const arr: number[];
  async function f() {
    await Promise.all(arr);
  }
  `,
  `
  declare const tuple: [number, Promise<string>];
  async function f() {
    await Promise.all(tuple);
  }
  `,
  `
  class Foo {
    then = 1;
  }
  async function f() {
    await new Foo();
  }
  `,
  `
  async function f() {
    const value = 42;
    return await value;
  }
  `,
  `
  async function f() {
    await [Promise.resolve(1)];
  }
  `,
  `
  async function f() {
    await (void 0);
  }
  `,
  `
  declare const obj: { then?: number };
  async function f() {
    await obj;
  }
  `,
  {
    code: `
    async function f() {
      await 0;
      await 'value';
    }
    `,
    ext: 'js',
  },
  {
    code: `
    function syncFn() { return 1; }
    async function f() {
      await syncFn();
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function asyncFn() {}
    async function f() {
      await asyncFn;
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function f() {
      for await (const s of ['a']) {
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function f() {
      await Promise.all([1, 2]);
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      await 0;
    }
    `,
    strictNullChecks: false,
  },
  {
    code: `
    function syncFn(): void {}
    async function f() {
      await syncFn();
    }
    `,
    strictNullChecks: false,
  },
];

// ---- more cases
valid.push(
  `
  declare const v: Promise<void> | void;
  async function f() {
    await v;
  }
  `,
  `
  async function f() {
    const results = await Promise.allSettled([fetch('a'), fetch('b')]);
    return results;
  }
  `,
  `
  class Reply {
    then(resolve: (v: number) => void, reject: (e: unknown) => void) {
      resolve(1);
    }
  }
  async function f() {
    await new Reply();
  }
  `,
  `
  declare function maybeAsync(): number | Promise<number>;
  async function f() {
    await maybeAsync();
  }
  `,
  {
    code: `
    async function f() {
      const thenable = { then(resolve) { resolve(1); } };
      await thenable;
    }
    `,
    ext: 'js',
  },
);
invalid.push(
  `
  declare function log(): void;
  async function f() {
    await log();
  }
  `,
  `
  declare const obj: { value: number };
  async function f() {
    await obj.value;
  }
  `,
  `
  async function f() {
    const x = await 1 + 1;
    return x;
  }
  `,
  `
  async function f() {
    await Math.random();
  }
  `,
  `
  async function f() {
    await Promise.race([1, 2]);
  }
  `,
  {
    code: `
    async function f() {
      await Math.random();
    }
    `,
    ext: 'js',
  },
  {
    code: `
    declare const n: number;
    async function f() {
      await n;
    }
    `,
    strictNullChecks: false,
  },
);
