// typescript-eslint no-misused-promises, checksVoidReturn -> unhandled-rejection.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { UserService, fetchUser, log, saveUser, users } from './lib';

declare const emitter: EventEmitter;
declare const button: HTMLButtonElement;
declare function handle(error: unknown): void;
declare function runLater(callback: () => void): void;
declare function runAsync(callback: () => Promise<void>): Promise<void>;
declare function runAny(callback: () => unknown): void;

// @case no-misused-promises unhandled-rejection: async forEach callback
export function m01() {
  users.forEach(async (user) => {
    await saveUser(user);
  });
}

// @case no-misused-promises unhandled-rejection: async executor of new Promise
export function m02() {
  return new Promise<void>(async (resolve) => {
    await saveUser({ id: '1', name: 'a' });
    resolve();
  });
}

// @case no-misused-promises unhandled-rejection: async DOM event listener
export function m03() {
  button.addEventListener('click', async () => {
    await saveUser({ id: '1', name: 'a' });
  });
}

// @case no-misused-promises unhandled-rejection: async EventEmitter listener
export function m04() {
  emitter.on('data', async (chunk: string) => {
    await saveUser({ id: chunk, name: chunk });
  });
}

// @case no-misused-promises unhandled-rejection: async setTimeout callback
export function m05() {
  setTimeout(async () => {
    await saveUser({ id: '1', name: 'a' });
  }, 100);
}

// @case no-misused-promises unhandled-rejection: async setInterval callback
export function m06() {
  setInterval(async () => {
    await fetchUser('1');
  }, 1000);
}

// @case no-misused-promises unhandled-rejection: promise-returning function passed by reference to a void callback
export function m07() {
  runLater(async () => {
    await saveUser({ id: '1', name: 'a' });
  });
}

// @case no-misused-promises unhandled-rejection: async function reference passed to forEach
export function m08() {
  users.forEach(saveUser);
}

// @case no-misused-promises unhandled-rejection: async http request handler
export function m09() {
  createServer(async (request, response) => {
    const user = await fetchUser(request.url ?? '');
    response.end(user.name);
  });
}

// @case no-misused-promises unhandled-rejection: async process.on handler
export function m10() {
  process.on('SIGTERM', async () => {
    await saveUser({ id: 'shutdown', name: 'x' });
  });
}

// @case no-misused-promises unhandled-rejection: async function expression as a listener
export function m11() {
  emitter.once('ready', async function () {
    await fetchUser('1');
  });
}

// @case no-misused-promises unhandled-rejection: async method reference as a listener
export function m12(service: UserService) {
  emitter.on('user', service.load);
}

// @case no-misused-promises unhandled-rejection: variable typed as a void-returning function
export function m13() {
  const callback: () => void = async () => {
    await saveUser({ id: '1', name: 'a' });
  };
  return callback;
}

// @case no-misused-promises unhandled-rejection: object property typed as a void-returning function
interface Hooks {
  onStart: () => void;
}
export function m14(): Hooks {
  return {
    onStart: async () => {
      await saveUser({ id: '1', name: 'a' });
    },
  };
}

// @case no-misused-promises unhandled-rejection: returned where a void-returning function is expected
export function m15(): () => void {
  return async () => {
    await saveUser({ id: '1', name: 'a' });
  };
}

// @case no-misused-promises unhandled-rejection: async method overriding a void method
class BaseTask {
  run(): void {}
}
export class M16 extends BaseTask {
  override async run(): Promise<void> {
    await saveUser({ id: '1', name: 'a' });
  }
}

// @case no-misused-promises unhandled-rejection: async method implementing a void interface method
interface Runner {
  run(): void;
}
export class M17 implements Runner {
  async run(): Promise<void> {
    await saveUser({ id: '1', name: 'a' });
  }
}

// @case no-misused-promises unhandled-rejection: assignment to a void-returning callback property
export function m18(socket: { onmessage: ((data: string) => void) | null }) {
  socket.onmessage = async (data) => {
    await saveUser({ id: data, name: data });
  };
}

// @case no-misused-promises unhandled-rejection: async object method where a void method is expected
export const m19: Hooks = {
  async onStart() {
    await saveUser({ id: '1', name: 'a' });
  },
};

// @case no-misused-promises unhandled-rejection: non-async arrow returning a promise to forEach
export function m20() {
  users.forEach((user) => saveUser(user));
}

// @case no-misused-promises unhandled-rejection: async queueMicrotask callback
export function m21() {
  queueMicrotask(async () => {
    await fetchUser('1');
  });
}

// @case no-misused-promises unhandled-rejection: async callback to Array.prototype.some (ignored boolean-ish use)
export function m22() {
  users.forEach(async (user, index) => {
    if (index > 0) await saveUser(user);
  });
}

// @case no-misused-promises valid: async callback where a promise is accepted
export async function mv01() {
  await runAsync(async () => {
    await saveUser({ id: '1', name: 'a' });
  });
}

// @case no-misused-promises valid: map with an async callback, awaited with Promise.all
export async function mv02() {
  await Promise.all(users.map(async (user) => saveUser(user)));
}

// @case no-misused-promises valid: then callback returning a promise
export function mv03() {
  return fetchUser('1').then(async (user) => {
    await saveUser(user);
  });
}

// @case no-misused-promises valid: synchronous forEach callback
export function mv04() {
  users.forEach((user) => log(user.name));
}

// @case no-misused-promises valid: callback typed to return unknown
export function mv05() {
  runAny(async () => {
    await saveUser({ id: '1', name: 'a' });
  });
}

// @case no-misused-promises valid: synchronous executor
export function mv06() {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, 10);
  });
}

// @case no-misused-promises valid: synchronous listener that handles the promise
export function mv07() {
  emitter.on('data', () => {
    saveUser({ id: '1', name: 'a' }).catch(handle);
  });
}

// @case no-misused-promises valid: variable typed to return a promise
export function mv08() {
  const callback: () => Promise<void> = async () => {
    await saveUser({ id: '1', name: 'a' });
  };
  return callback;
}

// @case no-misused-promises valid: async method overriding an async method
class BaseJob {
  async run(): Promise<void> {}
}
export class MV09 extends BaseJob {
  override async run(): Promise<void> {
    await saveUser({ id: '1', name: 'a' });
  }
}

// @case no-misused-promises valid: property typed to return a promise
interface AsyncHooks {
  onStart: () => Promise<void>;
}
export const mv10: AsyncHooks = {
  onStart: async () => {
    await saveUser({ id: '1', name: 'a' });
  },
};

// @case no-misused-promises valid: sort comparator (synchronous)
export function mv11() {
  return [...users].sort((a, b) => a.name.localeCompare(b.name));
}

// @case no-misused-promises valid: reduce chaining promises and awaiting the result
export async function mv12() {
  await users.reduce(async (previous, user) => {
    await previous;
    await saveUser(user);
  }, Promise.resolve());
}

// @case no-misused-promises valid: an untyped variable holding an async arrow
export function mv13() {
  const task = async () => {
    await saveUser({ id: '1', name: 'a' });
  };
  return task;
}

// @case no-misused-promises valid: setTimeout with a synchronous callback that voids the promise
export function mv14() {
  setTimeout(() => void saveUser({ id: '1', name: 'a' }).catch(handle), 10);
}

// @case no-misused-promises valid: async listener whose whole body is a try/catch
export function mv15() {
  emitter.on('data', async () => {
    try {
      await saveUser({ id: '1', name: 'a' });
    } catch (error) {
      handle(error);
    }
  });
}

// @case no-misused-promises valid: async callback passed to a parameter typed any
declare function legacy(callback: any): void;
export function mv16() {
  legacy(async () => {
    await saveUser({ id: '1', name: 'a' });
  });
}

// @case no-misused-promises unhandled-rejection: async effect callback whose type returns void or a cleanup function
declare function useEffect(effect: () => void | (() => void), deps?: unknown[]): void;
export function m23() {
  useEffect(async () => {
    await saveUser({ id: '1', name: 'a' });
  }, []);
}

// @case no-misused-promises valid: async process.nextTick callback (@types/node types it 'Function': typescript-eslint is silent, and so is the rule since it judges the declared parameter type)
export function m24() {
  process.nextTick(async () => {
    await fetchUser('1');
  });
}

// @case no-misused-promises valid: effect callback that starts the work and handles it
export function mv17() {
  useEffect(() => {
    saveUser({ id: '1', name: 'a' }).catch(handle);
  }, []);
}
