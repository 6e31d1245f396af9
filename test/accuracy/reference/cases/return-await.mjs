// Reproduced from memory from typescript-eslint's tests of return-await (v8), default option
// 'in-try-catch': inside an async function, a promise returned from a `try` block (with a catch or a
// finally), from a `catch` block followed by `finally`, or in the scope of a `using` declaration must be
// awaited (requiredPromiseAwait); elsewhere (outside try, in finally, in a catch without finally) it
// must NOT be awaited (disallowedPromiseAwait, a style half Loop Guard leaves out by design); awaiting a
// non-thenable in a return is reported (nonPromiseAwait). Non-async functions are never checked.
// The valid/invalid split is my recollection; the oracle's label counts.

export const valid = [
  `
  function test() {
    return 1;
  }
  `,
  `
  function test() {
    return Promise.resolve(1);
  }
  `,
  `
  const test = () => 1;
  `,
  `
  async function test() {
    return 1;
  }
  `,
  `
  const test = async () => 1;
  `,
  `
  async function test() {
    return Promise.resolve(1);
  }
  `,
  `
  const test = async () => Promise.resolve(1);
  `,
  `
  async function test() {
    try {
      return await Promise.resolve(1);
    } catch (e) {
      return Promise.resolve(2);
    }
  }
  `,
  `
  async function test() {
    try {
      return await Promise.resolve(1);
    } catch (e) {
      return await Promise.resolve(2);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      const one = await Promise.resolve(1);
      return one;
    } catch (e) {
      const two = await Promise.resolve(2);
      return two;
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      return 1;
    } catch (e) {
      return 2;
    }
  }
  `,
  `
  function test() {
    try {
      return Promise.resolve(1);
    } catch (e) {
      return Promise.resolve(2);
    }
  }
  `,
  `
  async function test() {
    try {
      throw new Error();
    } catch (e) {
      return Promise.resolve(1);
    }
  }
  `,
  `
  async function test() {
    try {
      return await Promise.resolve(1);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      return await Promise.resolve(1);
    } catch {
      return 2;
    } finally {
      return Promise.resolve(3);
    }
  }
  `,
  `
  async function test() {
    try {
      const fn = () => Promise.resolve(1);
      return await fn();
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      const fn = async () => {
        return Promise.resolve(1);
      };
      return await fn();
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      function inner() {
        return Promise.resolve(1);
      }
      return await inner();
    } catch {}
  }
  `,
  `
  async function test(): Promise<string> {
    const res = await fetch('...');
    if (res.ok) {
      return 'ok';
    }
    return Promise.resolve('not ok');
  }
  `,
  `
  declare function bar(): void;
  async function test() {
    try {
      return await Promise.resolve(1);
    } catch (e) {
      bar();
      return Promise.resolve(2);
    }
  }
  `,
  `
  async function test() {
    try {
      return await (Math.random() > 0.5 ? Promise.resolve(1) : 2);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Math.random() > 0.5 ? await Promise.resolve(1) : await Promise.resolve(2);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return (await Promise.resolve(1), await Promise.resolve(2));
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return;
    } catch {}
  }
  `,
  `
  async function test<T>(x: T) {
    try {
      return await x;
    } catch {}
  }
  `,
  `
  async function test(x: any) {
    try {
      return await x;
    } catch {}
  }
  `,
  `
  async function test(x: unknown) {
    return x;
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1).catch(() => 2) as unknown as number;
    } catch {}
  }
  `,
  `
  async function* test() {
    try {
      yield 1;
      return Promise.resolve(1);
    } catch {}
  }
  `,
  `
  class C {
    async method() {
      try {
        return await Promise.resolve(1);
      } catch {}
    }
  }
  `,
  `
  async function test() {
    const result = await Promise.resolve(1);
    return result;
  }
  `,
  `
  declare function getThenable(): PromiseLike<number>;
  async function test() {
    try {
      return await getThenable();
    } catch {}
  }
  `,
  `
  async function test() {
    using x = { [Symbol.dispose]() {} };
    return await Promise.resolve(1);
  }
  `,
  `
  async function test() {
    try {
      return void Promise.resolve(1);
    } catch {}
  }
  `,
  {
    code: `
    async function test() {
      try {
        return await Promise.resolve(1);
      } catch (e) {
        return Promise.resolve(2);
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      return Promise.resolve(1);
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      try {
        return await Promise.resolve(1);
      } catch {}
    }
    `,
    strictNullChecks: false,
  },
];

export const invalid = [
  `
  async function test() {
    try {
      return Promise.resolve(1);
    } catch (e) {
      return Promise.resolve(2);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      return 1;
    } catch (e) {
      return Promise.resolve(2);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      throw new Error();
    } catch (e) {
      return Promise.resolve(1);
    } finally {
      console.log('cleanup');
    }
  }
  `,
  `
  async function test() {
    try {
      return 1;
    } catch {
      return 2;
    } finally {
      return await Promise.resolve(3);
    }
  }
  `,
  `
  async function test() {
    return await Promise.resolve(1);
  }
  `,
  `
  const test = async () => await Promise.resolve(1);
  `,
  `
  async function test() {
    return await 1;
  }
  `,
  `
  const test = async () => await 1;
  `,
  `
  async function test() {
    try {
      return await 1;
    } catch {}
  }
  `,
  `
  async function test() {
    const one = 1;
    return await one;
  }
  `,
  `
  async function test() {
    try {
      return Math.random() > 0.5 ? Promise.resolve(1) : 2;
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Math.random() > 0.5 ? Promise.resolve(1) : Promise.resolve(2);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return (Promise.resolve(1));
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return (1, Promise.resolve(2));
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1) as Promise<number>;
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1)!;
    } catch {}
  }
  `,
  `
  declare function fetchUser(): Promise<string>;
  async function test() {
    try {
      return fetchUser();
    } catch (error) {
      console.error(error);
      return 'fallback';
    }
  }
  `,
  `
  declare const userPromise: Promise<string>;
  async function test() {
    try {
      return userPromise;
    } catch {
      return '';
    }
  }
  `,
  `
  const test = async () => {
    try {
      return Promise.resolve(1);
    } catch {}
  };
  `,
  `
  const test = async function () {
    try {
      return Promise.resolve(1);
    } catch {}
  };
  `,
  `
  class C {
    async method() {
      try {
        return Promise.resolve(1);
      } catch {}
    }
  }
  `,
  `
  const obj = {
    async method() {
      try {
        return Promise.resolve(1);
      } catch {}
    },
  };
  `,
  `
  async function test() {
    try {
      if (Math.random() > 0.5) {
        return Promise.resolve(1);
      }
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      for (const x of [1, 2]) {
        return Promise.resolve(x);
      }
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      try {
        return 1;
      } finally {
        return Promise.resolve(2);
      }
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Promise.resolve(1);
    } catch {
    } finally {
    }
  }
  `,
  `
  async function test() {
    using x = { [Symbol.dispose]() {} };
    return Promise.resolve(1);
  }
  `,
  `
  async function test() {
    await using x = { async [Symbol.asyncDispose]() {} };
    return Promise.resolve(1);
  }
  `,
  `
  async function test() {
    using x = { [Symbol.dispose]() {} };
    {
      return Promise.resolve(1);
    }
  }
  `,
  `
  declare function getThenable(): PromiseLike<number>;
  async function test() {
    try {
      return getThenable();
    } catch {}
  }
  `,
  `
  async function test<T extends Promise<number>>(x: T) {
    try {
      return x;
    } catch {}
  }
  `,
  `
  async function test(x: Promise<number> | number) {
    try {
      return x;
    } catch {}
  }
  `,
  `
  declare const maybe: Promise<number> | undefined;
  async function test() {
    try {
      return maybe;
    } catch {}
  }
  `,
  `
  async function test() {
    return await (Math.random() > 0.5 ? Promise.resolve(1) : Promise.resolve(2));
  }
  `,
  `
  async function test() {
    try {
      return 1;
    } catch (e) {
      return await Promise.resolve(2);
    }
  }
  `,
  {
    code: `
    async function test() {
      try {
        return Promise.resolve(1);
      } catch (e) {
        return 2;
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function load() { return 1; }
    async function test() {
      try {
        return load();
      } finally {
        console.log('done');
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      return await 1;
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      try {
        return Promise.resolve(1);
      } catch {}
    }
    `,
    strictNullChecks: false,
  },
  {
    code: `
    async function test(p: Promise<number> | null) {
      try {
        return p;
      } catch {}
    }
    `,
    strictNullChecks: false,
  },
];

// ---- more cases
valid.push(
  `
  async function test() {
    try {
      const value = await Promise.resolve(1);
      return value;
    } catch {
      return 0;
    }
  }
  `,
  `
  async function test() {
    try {
      return await Promise.resolve(1).then((v) => v + 1);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      await Promise.resolve();
    } catch {}
    return Promise.resolve(1);
  }
  `,
  {
    code: `
    async function test() {
      try {
        const v = await Promise.resolve(1);
        return v;
      } catch {}
    }
    `,
    ext: 'js',
  },
);
invalid.push(
  `
  async function test() {
    try {
      return Promise.resolve(1).then((v) => v + 1);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      return Promise.all([Promise.resolve(1)]);
    } catch {}
  }
  `,
  `
  declare function run(): Promise<void>;
  async function test() {
    try {
      return run();
    } catch (error) {
      throw new Error('wrapped', { cause: error });
    }
  }
  `,
  `
  async function test() {
    label: try {
      return Promise.resolve(1);
    } catch {}
  }
  `,
  `
  async function test() {
    try {
      switch (Math.random()) {
        case 1:
          return Promise.resolve(1);
      }
    } catch {}
  }
  `,
  {
    code: `
    async function test() {
      try {
        return fetch('x');
      } catch {
        return null;
      }
    }
    `,
    ext: 'js',
  },
  {
    code: `
    async function test() {
      using x = { [Symbol.dispose]() {} };
      return Promise.resolve(1);
    }
    `,
    strictNullChecks: false,
  },
);
