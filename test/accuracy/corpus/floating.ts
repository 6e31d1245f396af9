// typescript-eslint no-floating-promises -> floating-promise. Each `// @case` runs to the next one.
import { UserService, api, deleteUser, fetchUser, log, maybeSave, saveUser, sometimesAsync, userPromise, users } from './lib';

declare const service: UserService;
declare const flag: boolean;
declare function handle(error: unknown): void;

// @case no-floating-promises floating-promise: call of an async function as a statement
export async function f01() {
  fetchUser('1');
}

// @case no-floating-promises floating-promise: call statement in a plain (non-async) function
export function f02() {
  saveUser({ id: '1', name: 'a' });
}

// @case no-floating-promises floating-promise: promise variable as a bare statement
export function f03() {
  userPromise;
}

// @case no-floating-promises floating-promise: method call returning a promise
export async function f04() {
  service.load('1');
}

// @case no-floating-promises floating-promise: then without a rejection handler
export function f05() {
  fetchUser('1').then((user) => log(user.name));
}

// @case no-floating-promises floating-promise: finally alone does not handle a rejection
export function f06() {
  fetchUser('1').finally(() => log('done'));
}

// @case no-floating-promises floating-promise: Promise.all as a statement
export async function f07() {
  Promise.all(users.map((user) => saveUser(user)));
}

// @case no-floating-promises floating-promise: Promise.reject as a statement
export function f08() {
  Promise.reject(new Error('x'));
}

// @case no-floating-promises floating-promise: new Promise as a statement
export function f09() {
  new Promise<void>((resolve) => setTimeout(resolve, 10));
}

// @case no-floating-promises floating-promise: async IIFE not awaited
export function f10() {
  (async () => {
    await saveUser({ id: '1', name: 'a' });
  })();
}

// @case no-floating-promises floating-promise: ternary whose branches are promises
export function f11() {
  flag ? saveUser({ id: '1', name: 'a' }) : deleteUser('1');
}

// @case no-floating-promises floating-promise: logical and with a promise on the right
export function f12() {
  flag && saveUser({ id: '1', name: 'a' });
}

// @case no-floating-promises floating-promise: array of promises as a statement
export function f13() {
  [fetchUser('1'), fetchUser('2')];
}

// @case no-floating-promises floating-promise: map producing promises, result dropped
export function f14() {
  users.map((user) => saveUser(user));
}

// @case no-floating-promises floating-promise: promise-or-undefined from an optional call
export function f15() {
  maybeSave();
}

// @case no-floating-promises floating-promise: function returning Promise | void
export function f16() {
  sometimesAsync();
}

// @case no-floating-promises floating-promise: comma expression discarding a promise
export function f17() {
  (log('a'), saveUser({ id: '1', name: 'a' }));
}

// @case no-floating-promises floating-promise: static async factory not awaited
export function f18() {
  UserService.create();
}

// @case no-floating-promises floating-promise: property holding an async arrow
export function f19() {
  api.post('/x', 'body');
}

// @case no-floating-promises floating-promise: promise in an arrow with a block body
export function f20() {
  users.forEach((user) => {
    saveUser(user);
  });
}

// @case no-floating-promises floating-promise: then(ok) chained after then(ok)
export function f21() {
  fetchUser('1')
    .then((user) => user.name)
    .then((name) => log(name));
}

// @case no-floating-promises floating-promise: catch followed by then (the last then can reject)
export function f22() {
  fetchUser('1')
    .catch(handle)
    .then(() => {
      throw new Error('late');
    });
}

// @case no-floating-promises floating-promise: optional call on a maybe-undefined async function
declare const onDone: (() => Promise<void>) | undefined;
export function f23() {
  onDone?.();
}

// @case no-floating-promises floating-promise: promise returned by a local async function
async function localTask(): Promise<number> {
  return 1;
}
export function f24() {
  localTask();
}

// @case no-floating-promises floating-promise: in a class method
export class C25 {
  run() {
    fetchUser('1');
  }
}

// @case no-floating-promises floating-promise: in a constructor
export class C26 {
  constructor() {
    saveUser({ id: 'c', name: 'c' });
  }
}

// @case no-floating-promises floating-promise: fetch at module scope in a function body of a getter
export class C27 {
  get ready(): boolean {
    fetch('/ping');
    return true;
  }
}

// @case no-floating-promises floating-promise: logical or with a promise on the right
export function f28(cached: boolean) {
  cached || saveUser({ id: '1', name: 'a' });
}

// @case no-floating-promises floating-promise: Promise.allSettled not awaited inside async
export async function f29() {
  Promise.allSettled([saveUser({ id: '1', name: 'a' })]);
}

// @case no-floating-promises floating-promise: promise-valued element access call
declare const handlers: Record<string, () => Promise<void>>;
export function f30() {
  handlers['save']();
}

// @case no-floating-promises floating-promise: awaited inside an async function but not the second call
export async function f31() {
  await saveUser({ id: '1', name: 'a' });
  saveUser({ id: '2', name: 'b' });
}

// @case no-floating-promises floating-promise: parenthesised call
export function f32() {
  (fetchUser('1'));
}

// @case no-floating-promises valid: awaited
export async function v01() {
  await fetchUser('1');
}

// @case no-floating-promises valid: returned
export function v02() {
  return fetchUser('1');
}

// @case no-floating-promises valid: void marks an intentional fire-and-forget
export function v03() {
  void saveUser({ id: '1', name: 'a' });
}

// @case no-floating-promises valid: catch with a handler
export function v04() {
  saveUser({ id: '1', name: 'a' }).catch(handle);
}

// @case no-floating-promises valid: then with both handlers
export function v05() {
  fetchUser('1').then((user) => log(user.name), handle);
}

// @case no-floating-promises valid: then then catch
export function v06() {
  fetchUser('1')
    .then((user) => user.name)
    .then(log)
    .catch(handle);
}

// @case no-floating-promises valid: catch followed by finally
export function v07() {
  fetchUser('1')
    .catch(handle)
    .finally(() => log('done'));
}

// @case no-floating-promises valid: assigned to a variable
export function v08() {
  const pending = fetchUser('1');
  return pending;
}

// @case no-floating-promises valid: assigned to a property
export class V09 {
  pending?: Promise<unknown>;
  start() {
    this.pending = fetchUser('1');
  }
}

// @case no-floating-promises valid: synchronous call
export function v10() {
  log('hello');
}

// @case no-floating-promises valid: Promise.all awaited
export async function v11() {
  await Promise.all(users.map((user) => saveUser(user)));
}

// @case no-floating-promises valid: async IIFE with catch
export function v12() {
  (async () => {
    await saveUser({ id: '1', name: 'a' });
  })().catch(handle);
}

// @case no-floating-promises valid: returned from an arrow expression body
export const v13 = () => fetchUser('1');

// @case no-floating-promises valid: passed as an argument
export async function v14() {
  await Promise.race([fetchUser('1'), fetchUser('2')]);
}

// @case no-floating-promises valid: yielded from an async generator after await
export async function* v15() {
  yield await fetchUser('1');
}

// @case no-floating-promises valid: awaited ternary
export async function v16() {
  await (flag ? saveUser({ id: '1', name: 'a' }) : deleteUser('1'));
}

// @case no-floating-promises valid: pushed into an array that is awaited later
export async function v17() {
  const tasks: Promise<void>[] = [];
  tasks.push(saveUser({ id: '1', name: 'a' }));
  await Promise.all(tasks);
}

// @case no-floating-promises valid: void on a then chain
export function v18() {
  void fetchUser('1').then((user) => log(user.name));
}

// @case no-floating-promises valid: awaited in a for loop body
export async function v19() {
  for (const user of users) {
    await saveUser(user);
  }
}

// @case no-floating-promises valid: a non-promise method named then-like
declare const table: { save(): number };
export function v20() {
  table.save();
}

// @case no-floating-promises valid: promise stored in a Map
export function v21(cache: Map<string, Promise<unknown>>) {
  cache.set('user', fetchUser('1'));
}

// @case no-floating-promises valid: returned from a non-async function through a ternary
export function v22() {
  return flag ? fetchUser('1') : fetchUser('2');
}

// @case no-floating-promises valid: awaited with a rejection handler inline
export async function v23() {
  await saveUser({ id: '1', name: 'a' }).catch(handle);
}

// @case no-floating-promises valid: then with undefined and a rejection handler
export function v24() {
  fetchUser('1').then(undefined, handle);
}

// @case no-floating-promises valid: export default of a promise-returning arrow is not a statement
export const v25 = async () => {
  await saveUser({ id: '1', name: 'a' });
};

// @case no-floating-promises valid: array of promises awaited with Promise.all
export async function v26() {
  await Promise.all([fetchUser('1'), fetchUser('2')]);
}

// @case no-floating-promises floating-promise: catch with no handler argument
export function f33() {
  fetchUser('1').catch();
}

// @case no-floating-promises floating-promise: tagged template returning a promise
declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;
export function f34(id: string) {
  sql`delete from users where id = ${id}`;
}

// @case no-floating-promises floating-promise: nullish coalescing between promises
declare const cachedSave: Promise<void> | undefined;
export function f35() {
  cachedSave ?? saveUser({ id: '1', name: 'a' });
}

// @case no-floating-promises floating-promise: next() of an async generator
declare const stream: AsyncGenerator<number>;
export function f36() {
  stream.next();
}

// @case no-floating-promises floating-promise: Promise.all(...).then(ok) statement
export function f37() {
  Promise.all([fetchUser('1')]).then((all) => log(String(all.length)));
}

// @case no-floating-promises floating-promise: promise in a nested arrow's block body
export const f38 = () => {
  const inner = () => {
    deleteUser('1');
  };
  inner();
};

// @case no-floating-promises valid: then with two function handlers
export function v27() {
  fetchUser('1').then(
    () => log('ok'),
    () => log('failed'),
  );
}

// @case no-floating-promises valid: voided async IIFE
export function v28() {
  void (async () => {
    await saveUser({ id: '1', name: 'a' });
  })();
}
