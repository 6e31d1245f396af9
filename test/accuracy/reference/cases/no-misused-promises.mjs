// Reproduced from memory from typescript-eslint's tests of no-misused-promises (v8), default options:
// checksConditionals true (a promise as an if/while/for/do/ternary test, operand of `!`, or the
// left side of `&&`/`||` in a condition, `||=`/`&&=`), checksSpreads true (`{ ...promise }`),
// checksVoidReturn true with all sub-options: arguments (a promise-returning function passed where the
// parameter's type returns void, judged across overloads), attributes (JSX), inheritedMethods (a
// method returning a promise where a base class/interface declares void), properties (object literal
// members whose contextual type returns void), returns (a returned function where the return type's
// function returns void), variables (assignment/declaration to a void-returning function type).
// The valid/invalid split is my recollection; the oracle's label counts.

const JSX = `
declare global {
  namespace JSX {
    interface IntrinsicElements { [name: string]: any }
    interface Element {}
  }
}
`;

export const valid = [
  // ---- checksConditionals
  `
  if (true) {
  }
  `,
  `
  async function test() {
    if (await Promise.resolve()) {
    }
  }
  `,
  `
  async function test() {
    const mixed: Promise | undefined = Promise.resolve();
    if (mixed) {
      await mixed;
    }
  }
  `,
  `
  if (~Promise.resolve()) {
  }
  `,
  `
  interface NotQuiteThenable {
    then(param: string): void;
    then(): void;
  }
  const value: NotQuiteThenable = { then() {} };
  if (value) {
  }
  `,
  `
  [1, 2, 3].forEach((val) => {});
  `,
  `
  new Promise((resolve, reject) => {
    resolve();
  });
  `,
  `
  async function test() {
    while (await Promise.resolve()) {}
    do {} while (await Promise.resolve());
    for (; await Promise.resolve(); ) {}
  }
  `,
  `
  async function test() {
    const value = (await Promise.resolve()) ? true : false;
    !(await Promise.resolve());
    (await Promise.resolve()) || false;
    (await Promise.resolve()) && true;
  }
  `,
  `
  declare const p: Promise<boolean>;
  const value = Promise.resolve() || (await p) || false;
  `,
  `
  async function test(p: Promise<boolean> | undefined) {
    if (p ?? false) {
    }
  }
  `,
  `
  declare const x: Promise<number>;
  const v = x ?? 1;
  `,
  `
  declare const p: Promise<void>;
  const ok = p || undefined;
  `,
  `
  declare const p: Promise<void>;
  const b = !!(await p);
  `,
  // ---- checksSpreads
  `
  const getData = () => Promise.resolve({ key: 42 });
  console.log({
    someData: 42,
    ...(await getData()),
  });
  `,
  `
  declare const p: Promise<object>;
  const arr = [...[p]];
  `,
  `
  const obj = { ...(await Promise.resolve({ a: 1 })) };
  `,
  `
  declare const x: { a: number } | undefined;
  const obj = { ...x };
  `,
  // ---- checksVoidReturn: arguments
  `
  [1, 2, 3].forEach((val) => {
    console.log(val);
  });
  `,
  `
  async function f() {
    await Promise.all([1, 2, 3].map(async (val) => val));
  }
  `,
  `
  declare function takesAny(cb: () => any): void;
  takesAny(async () => {});
  `,
  `
  declare function takesUnknown(cb: () => unknown): void;
  takesUnknown(async () => {});
  `,
  `
  declare function takesPromise(cb: () => Promise<void>): void;
  takesPromise(async () => {});
  `,
  `
  declare function takesEither(cb: () => void | Promise<void>): void;
  takesEither(async () => {});
  `,
  `
  declare function takesUnion(cb: (() => void) | (() => Promise<void>)): void;
  takesUnion(async () => {});
  `,
  `
  function foo(x: () => void): void;
  function foo(x: () => Promise<void>): void;
  function foo(x: any) {}
  foo(async () => {});
  `,
  `
  function foo(x: () => Promise<void>): void;
  function foo(x: () => void): void;
  function foo(x: any) {}
  foo(async () => {});
  `,
  `
  interface ItLike {
    (name: string, callback: () => Promise<void>): void;
    (name: string, callback: () => void): void;
  }
  declare const it: ItLike;
  it('', async () => {});
  `,
  `
  interface ItLike {
    (name: string, callback: () => void): void;
  }
  interface ItLike {
    (name: string, callback: () => Promise<void>): void;
  }
  declare const it: ItLike;
  it('', async () => {});
  `,
  `
  declare function foo(cb: () => void): void;
  foo(() => {});
  foo(function () {});
  `,
  `
  declare function foo(cb: (x: number) => void): void;
  foo(async function* () {});
  `,
  `
  const emitter = { on(event: string, cb: () => Promise<void> | void) {} };
  emitter.on('x', async () => {});
  `,
  `
  declare function foo(...cbs: Array<() => Promise<void>>): void;
  foo(async () => {}, async () => {});
  `,
  `
  declare function setTimeoutLike(handler: Function, ms: number): void;
  setTimeoutLike(async () => {}, 0);
  `,
  `
  setTimeout(async () => {}, 0);
  `,
  `
  declare function foo(cb: () => void): void;
  foo(() => {
    void (async () => {})();
  });
  `,
  `
  declare function foo(cb: () => void): void;
  foo(() => {
    (async () => {})().catch(() => {});
  });
  `,
  `
  class Foo {
    constructor(cb: () => Promise<void>) {}
  }
  new Foo(async () => {});
  `,
  `
  declare function foo(cb: undefined | (() => Promise<void>)): void;
  foo(async () => {});
  `,
  // ---- checksVoidReturn: returns
  `
  function f(): () => Promise<void> {
    return async () => {};
  }
  `,
  `
  function f(): () => void {
    return () => {};
  }
  `,
  `
  const f = (): (() => unknown) => async () => {};
  `,
  `
  function f(): any {
    return async () => {};
  }
  `,
  `
  function f(): (() => void) | (() => Promise<void>) {
    return async () => {};
  }
  `,
  // ---- checksVoidReturn: variables
  `
  const f: () => Promise<void> = async () => {};
  `,
  `
  let f: () => void;
  f = () => {};
  `,
  `
  const f: () => void = () => {};
  `,
  `
  const f: () => unknown = async () => {};
  `,
  `
  const obj: { f?: () => Promise<void> } = {};
  obj.f = async () => {};
  `,
  `
  declare let cb: (() => void) | (() => Promise<void>);
  cb = async () => {};
  `,
  // ---- checksVoidReturn: properties
  `
  type O = { func: () => Promise<void> };
  const obj: O = {
    func: async () => {},
  };
  `,
  `
  type O = { func: () => void };
  const obj: O = {
    func() {},
  };
  `,
  `
  type O = { func: () => Promise<void> };
  const obj: O = {
    async func() {},
  };
  `,
  `
  const obj = {
    async func() {},
  };
  `,
  `
  type O = { [key: string]: () => Promise<void> };
  const obj: O = {
    a: async () => {},
  };
  `,
  `
  type O = { func: () => void | Promise<void> };
  const obj: O = {
    func: async () => {},
  };
  `,
  // ---- checksVoidReturn: inheritedMethods
  `
  class MyClass {
    setThing(): Promise<void> {
      return Promise.resolve();
    }
  }
  class MySubclass extends MyClass {
    async setThing(): Promise<void> {}
  }
  `,
  `
  class MyClass {
    setThing(): void {}
  }
  class MySubclass extends MyClass {
    setThing(): void {}
  }
  `,
  `
  interface MyInterface {
    setThing(): Promise<void>;
  }
  class MyClass implements MyInterface {
    async setThing(): Promise<void> {}
  }
  `,
  `
  interface MyInterface {
    setThing(): void | Promise<void>;
  }
  class MyClass implements MyInterface {
    async setThing(): Promise<void> {}
  }
  `,
  `
  interface MyInterface {
    setThing(): any;
  }
  class MyClass implements MyInterface {
    async setThing(): Promise<void> {}
  }
  `,
  `
  abstract class MyAbstract {
    abstract setThing(): Promise<void>;
  }
  class MyClass extends MyAbstract {
    async setThing(): Promise<void> {}
  }
  `,
  `
  class MyClass {
    async otherThing(): Promise<void> {}
  }
  class MySubclass extends MyClass {
    setThing(): void {}
  }
  `,
  `
  class A {
    static async f() {}
  }
  `,
  // ---- checksVoidReturn: attributes
  {
    code: `${JSX}
    declare function Component(props: { onEvent: () => Promise<void> }): JSX.Element;
    const x = <Component onEvent={async () => {}} />;
    `,
    ext: 'tsx',
  },
  {
    code: `${JSX}
    declare function Component(props: { onEvent: () => void }): JSX.Element;
    const x = <Component onEvent={() => {}} />;
    `,
    ext: 'tsx',
  },
  // ---- JS and strictNullChecks off
  {
    code: `
    [1, 2, 3].forEach((val) => console.log(val));
    async function f() {
      if (await Promise.resolve(true)) {
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    const obj = { ...(await Promise.resolve({})) };
    `,
    ext: 'js',
  },
  {
    code: `
    class Closer {
      closing: Promise<void> | null = null;
      close() {
        if (this.closing) return this.closing;
        this.closing = Promise.resolve();
        return this.closing;
      }
    }
    `,
    strictNullChecks: false,
    note: 'issue 9: promise-or-null field as in-progress flag (the reference DOES report it with strictNullChecks off)',
  },
  {
    code: `
    async function test() {
      if (await Promise.resolve()) {
      }
      [1, 2].forEach((v) => v);
    }
    `,
    strictNullChecks: false,
  },
];

export const invalid = [
  // ---- checksConditionals
  `
  if (Promise.resolve()) {
  }
  `,
  `
  if (Promise.resolve()) {
  } else if (Promise.resolve()) {
  } else {
  }
  `,
  `
  for (let i; Promise.resolve(); i++) {}
  `,
  `
  do {} while (Promise.resolve());
  `,
  `
  while (Promise.resolve()) {}
  `,
  `
  Promise.resolve() ? 123 : 456;
  `,
  `
  if (!Promise.resolve()) {
  }
  `,
  `
  Promise.resolve() || false;
  `,
  `
  (true && Promise.resolve()) || false;
  `,
  `
  declare const p: Promise<boolean>;
  if (p && true) {
  }
  `,
  `
  async function test(p: Promise<boolean> | undefined, p2: Promise<boolean>) {
    if (p ?? p2) {
    }
  }
  `,
  `
  declare let x: boolean | Promise<void>;
  x ||= Promise.resolve();
  `,
  `
  declare let x: Promise<boolean>;
  x &&= Promise.resolve(true);
  `,
  `
  declare const promise: Promise<boolean>;
  const value = promise ? 1 : 2;
  `,
  `
  async function test() {
    const promise = Promise.resolve();
    if (promise) {
      await promise;
    }
  }
  `,
  `
  class Foo {
    async method() {}
    check() {
      if (this.method()) {
      }
    }
  }
  `,
  `
  declare function isReady(): Promise<boolean>;
  while (!isReady()) {}
  `,
  `
  const isReady = async () => true;
  const r = isReady() ? 'yes' : 'no';
  `,
  // ---- checksSpreads
  `
  const getData = () => Promise.resolve({ key: 42 });
  console.log({
    someData: 42,
    ...getData(),
  });
  `,
  `
  const data = Promise.resolve({ key: 42 });
  console.log({
    someData: 42,
    ...data,
  });
  `,
  `
  async function getData() {
    return { key: 42 };
  }
  const obj = { ...getData() };
  `,
  `
  declare const p: Promise<{ a: number }> | undefined;
  const obj = { ...p };
  `,
  // ---- checksVoidReturn: arguments
  `
  [1, 2, 3].forEach(async (value) => {
    await fetch(String(value));
  });
  `,
  `
  new Promise(async (resolve, reject) => {
    await Promise.resolve();
    resolve();
  });
  `,
  `
  const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
    cb(null, arg);
  };
  fnWithCallback('val', async (err, res) => {
    await res;
  });
  `,
  `
  const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
    cb(null, arg);
  };
  fnWithCallback('val', (err, res) => Promise.resolve(res));
  `,
  `
  const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
    cb(null, arg);
  };
  fnWithCallback('val', (err, res) => {
    if (err) {
      return 'abc';
    } else {
      return Promise.resolve(res);
    }
  });
  `,
  `
  const fnWithCallback:
    | ((arg: string, cb: (err: any, res: string) => void) => void)
    | null = (arg, cb) => {
    cb(null, arg);
  };
  fnWithCallback?.('val', (err, res) => Promise.resolve(res));
  `,
  `
  function foo(x: () => void): void;
  function foo(x: number, y: () => void): void;
  function foo(x: any, y?: any) {}
  foo(async () => {});
  `,
  `
  interface ItLike {
    (name: string, callback: () => number): void;
    (name: string, callback: () => void): void;
  }
  declare const it: ItLike;
  it('', async () => {});
  `,
  `
  interface ItLike {
    (name: string, callback: () => void): void;
  }
  interface ItLike {
    (name: string, callback: () => number): void;
  }
  declare const it: ItLike;
  it('', async () => {});
  `,
  `
  declare function foo(cb: (() => void) | undefined): void;
  foo(async () => {});
  `,
  `
  declare function foo(cb?: () => void): void;
  foo(async () => {});
  `,
  `
  const asyncFn = async () => {};
  [1, 2].forEach(asyncFn);
  `,
  `
  async function asyncFn() {}
  declare function foo(cb: () => void): void;
  foo(asyncFn);
  `,
  `
  declare function foo(...cbs: Array<() => void>): void;
  foo(
    () => {},
    async () => {},
  );
  `,
  `
  declare function foo(...args: [number, () => void]): void;
  foo(1, async () => {});
  `,
  `
  class Foo {
    bar(cb: () => void) {}
  }
  new Foo().bar(async () => {});
  `,
  `
  class Foo {
    constructor(cb: () => void) {}
  }
  new Foo(async () => {});
  `,
  `
  declare function foo<T extends () => void>(cb: T): void;
  foo(async () => {});
  `,
  `
  declare const obj: { on(event: string, listener: (...args: any[]) => void): void };
  obj.on('event', async () => {
    await Promise.resolve();
  });
  `,
  `
  declare function foo(cb: () => void): void;
  foo(async function () {});
  `,
  `
  declare function foo(cb: () => void): void;
  foo(function () {
    return Promise.resolve();
  });
  `,
  `
  declare function foo(cb: (x: number) => void): void;
  foo(async (x) => {
    await Promise.resolve(x);
  });
  `,
  `
  type Handler = (event: string) => void;
  declare function on(h: Handler): void;
  on(async (event) => {
    console.log(event);
  });
  `,
  `
  declare function setCallback(cb: () => void): void;
  declare function fetchIt(): Promise<void>;
  setCallback(fetchIt);
  `,
  `
  ['a', 'b'].map((x) => x).forEach(async (x) => {});
  `,
  `
  declare const arr: ReadonlyArray<number>;
  arr.forEach(async (x) => {});
  `,
  `
  declare function foo(cb: () => void): void;
  foo(() => Promise.resolve());
  `,
  // ---- predicates (array callbacks that must return a boolean-ish value)
  `
  [1, 2, 3].filter(async (x) => x > 1);
  `,
  `
  [1, 2, 3].some(async (x) => x > 1);
  `,
  `
  [1, 2, 3].every(async (x) => x > 1);
  `,
  `
  [1, 2, 3].find(async (x) => x > 1);
  `,
  `
  [1, 2, 3].findIndex(async (x) => x > 1);
  `,
  `
  declare const arr: readonly number[];
  arr.filter(async (x) => x > 1);
  `,
  `
  declare const tuple: [number, string];
  tuple.find(async (x) => !!x);
  `,
  `
  declare const arr: number[] | string[];
  arr.some(async (x: number | string) => !!x);
  `,
  // ---- checksVoidReturn: returns
  `
  function f(): () => void {
    return async () => {};
  }
  `,
  `
  const f = (): (() => void) => async () => {};
  `,
  `
  function f(): (() => void) | undefined {
    return async () => {};
  }
  `,
  `
  type Fn = () => void;
  function f(): Fn {
    return async function () {};
  }
  `,
  `
  function f(): { cb: () => void } {
    return { cb: async () => {} };
  }
  `,
  `
  class C {
    get cb(): () => void {
      return async () => {};
    }
  }
  `,
  // ---- checksVoidReturn: variables
  `
  const f: () => void = async () => {};
  `,
  `
  const f: () => void = async function () {};
  `,
  `
  let f: () => void;
  f = async () => {};
  `,
  `
  const obj: { f?: () => void } = {};
  obj.f = async () => {};
  `,
  `
  type Fn = () => void;
  const fns: Fn[] = [];
  fns[0] = async () => {};
  `,
  `
  async function g() {}
  const f: () => void = g;
  `,
  `
  declare let cb: (() => void) | undefined;
  cb = async () => {};
  `,
  // ---- checksVoidReturn: properties
  `
  type O = { func: () => void };
  const obj: O = {
    async func() {},
  };
  `,
  `
  type O = { func: () => void };
  const obj: O = {
    func: async () => {},
  };
  `,
  `
  type O = { func: () => void };
  const obj: O = {
    func: async function () {},
  };
  `,
  `
  type O = { func: () => void };
  const func = async () => {};
  const obj: O = {
    func,
  };
  `,
  `
  type O = { func: () => void };
  async function g() {}
  const obj: O = {
    func: g,
  };
  `,
  `
  type O = { func: () => void };
  function f(): O {
    return {
      func: async () => {},
    };
  }
  `,
  `
  const obj: Record<string, () => void> = {
    a: async () => {},
  };
  `,
  `
  type O = { [key: string]: () => void };
  const obj: O = {
    async a() {},
  };
  `,
  `
  declare function take(o: { onDone: () => void }): void;
  take({
    onDone: async () => {},
  });
  `,
  `
  type O = { func?: () => void };
  const obj: O = {
    func: async () => {},
  };
  `,
  // ---- checksVoidReturn: inheritedMethods
  `
  class MyClass {
    setThing(): void {
      return;
    }
  }
  class MySubclass extends MyClass {
    async setThing(): Promise<void> {
      await Promise.resolve();
    }
  }
  `,
  `
  abstract class MyAbstractClass {
    abstract setThing(): void;
  }
  class MySubclass extends MyAbstractClass {
    async setThing(): Promise<void> {}
  }
  `,
  `
  abstract class MyAbstractClass {
    abstract setThing(): void;
  }
  abstract class MySubclass extends MyAbstractClass {
    abstract setThing(): Promise<void>;
  }
  `,
  `
  interface MyInterface {
    setThing(): void;
  }
  class MyClass implements MyInterface {
    async setThing(): Promise<void> {}
  }
  `,
  `
  interface MyInterface {
    setThing(): void;
  }
  interface MyOtherInterface {
    other(): void;
  }
  class MyClass implements MyInterface, MyOtherInterface {
    async setThing(): Promise<void> {}
    async other(): Promise<void> {}
  }
  `,
  `
  class MyClass {
    setThing(): void {}
  }
  interface MyInterface extends MyClass {
    setThing(): Promise<void>;
  }
  `,
  `
  interface MyInterface {
    setThing(): void;
  }
  interface MySubInterface extends MyInterface {
    setThing(): Promise<void>;
  }
  `,
  `
  type MyType = {
    setThing(): void;
  };
  class MyClass implements MyType {
    async setThing(): Promise<void> {}
  }
  `,
  `
  class MyClass {
    setThing(): void {}
  }
  class MySubclass extends MyClass {
    setThing = async (): Promise<void> => {};
  }
  `,
  `
  interface MyInterface {
    setThing: () => void;
  }
  class MyClass implements MyInterface {
    async setThing(): Promise<void> {}
  }
  `,
  `
  class Base {
    static setThing(): void {}
  }
  class Sub extends Base {
    static async setThing(): Promise<void> {}
  }
  `,
  `
  const Base = class {
    setThing(): void {}
  };
  class Sub extends Base {
    async setThing() {}
  }
  `,
  // ---- checksVoidReturn: attributes
  {
    code: `${JSX}
    declare function Component(props: { onEvent: () => void }): JSX.Element;
    const x = <Component onEvent={async () => {}} />;
    `,
    ext: 'tsx',
  },
  {
    code: `${JSX}
    declare function Component(props: { onEvent: () => void }): JSX.Element;
    async function handler() {}
    const x = <Component onEvent={handler} />;
    `,
    ext: 'tsx',
  },
  {
    code: `${JSX}
    declare function Component(props: { onEvent?: () => void }): JSX.Element;
    const x = <Component onEvent={async () => { await Promise.resolve(); }} />;
    `,
    ext: 'tsx',
  },
  // ---- JS and strictNullChecks off
  {
    code: `
    [1, 2, 3].forEach(async (value) => {
      await Promise.resolve(value);
    });
    `,
    ext: 'js',
  },
  {
    code: `
    new Promise(async (resolve) => {
      await null;
      resolve();
    });
    `,
    ext: 'js',
  },
  {
    code: `
    async function f() {}
    if (f()) {
    }
    `,
    ext: 'js',
  },
  {
    code: `
    const p = Promise.resolve({ a: 1 });
    const obj = { ...p };
    `,
    ext: 'js',
  },
  {
    code: `
    [1, 2, 3].filter(async (x) => x > 1);
    `,
    ext: 'js',
  },
  {
    code: `
    if (Promise.resolve()) {
    }
    [1, 2].forEach(async () => {});
    `,
    strictNullChecks: false,
  },
  {
    code: `
    declare function foo(cb: (() => void) | undefined): void;
    foo(async () => {});
    `,
    strictNullChecks: false,
  },
  {
    code: `
    type O = { func: () => void };
    const obj: O = {
      async func() {},
    };
    `,
    strictNullChecks: false,
  },
  {
    code: `
    class MyClass {
      setThing(): void {}
    }
    class MySubclass extends MyClass {
      async setThing(): Promise<void> {}
    }
    `,
    strictNullChecks: false,
  },
];

// ---- more cases: DOM listeners, overloads, async callbacks that cannot reject, JS
valid.push(
  {
    code: `${JSX}
    const x = <div onClick={async () => {}} />;
    `,
    ext: 'tsx',
  },
  `
  setInterval(async () => {}, 1000);
  `,
  `
  declare function run(cb: () => Promise<unknown>): void;
  run(async () => {});
  `,
  `
  declare function foo(cb: () => void): void;
  foo(() => {
    Promise.resolve().catch(() => {});
  });
  `,
  `
  const arr = [1, 2, 3];
  const found = arr.find((x) => x > 1);
  const some = arr.some((x) => x > 1);
  `,
  `
  async function f() {
    const results = await Promise.all([1, 2].map(async (x) => x));
    return results.filter((x) => x > 1);
  }
  `,
  `
  declare const p: Promise<number>;
  async function f() {
    if ((await p) > 1) {
    }
  }
  `,
  `
  declare const p: Promise<number> | null;
  const isSet = p !== null;
  if (p !== null) {
  }
  `,
  `
  declare function foo(cb: () => void): void;
  foo(async function* () {});
  `,
  `
  type O = { func: () => void };
  const obj: O = {
    func: () => {},
  };
  const other = { ...obj };
  `,
  {
    code: `
    const obj = { a: 1 };
    const copy = { ...obj };
    if (copy) {
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function f(p) {
      if (await p) {
      }
    }
    `,
    ext: 'js',
  },
);
invalid.push(
  `
  document.addEventListener('click', async () => {
    await Promise.resolve();
  });
  `,
  `
  declare const el: HTMLElement;
  el.addEventListener('click', async (event) => {
    console.log(event);
  });
  `,
  `
  declare function foo(cb: () => void): void;
  foo(async () => {
    try {
      await Promise.resolve();
    } catch {}
  });
  `,
  `
  declare const target: EventTarget;
  async function onEvent() {}
  target.addEventListener('x', onEvent);
  `,
  `
  declare function foo(cb: () => void): void;
  declare const maybe: boolean;
  foo(maybe ? async () => {} : () => {});
  `,
  `
  declare const p: Promise<number>;
  if (p) {
  }
  `,
  `
  class Closer {
    closing: Promise<void> | null = null;
    close() {
      if (this.closing) return this.closing;
      this.closing = Promise.resolve();
      return this.closing;
    }
  }
  `,
  `
  declare const p: Promise<string> | undefined;
  const s = p ? 'set' : 'unset';
  `,
  `
  async function ready() {
    return true;
  }
  if (ready()) {
  }
  `,
  `
  declare function foo(cb: (value: number) => void): void;
  foo(async (v) => {
    return v;
  });
  `,
  `
  interface Base {
    dispose(): void;
  }
  const impl: Base = {
    async dispose() {},
  };
  `,
  `
  type Listener = { handleEvent(): void };
  class L implements Listener {
    async handleEvent() {}
  }
  `,
  {
    code: `
    const p = Promise.resolve(true);
    while (p) {
      break;
    }
    `,
    ext: 'js',
  },
  {
    code: `
    document.addEventListener('click', async () => {});
    `,
    ext: 'js',
  },
  {
    code: `
    async function ready() { return true; }
    const r = ready() ? 1 : 2;
    `,
    ext: 'js',
  },
  {
    code: `
    declare function foo(cb: () => void): void;
    foo(async () => {});
    `,
    strictNullChecks: false,
  },
  {
    code: `
    declare const p: Promise<boolean> | null;
    if (p) {
    }
    `,
    strictNullChecks: false,
  },
);
