// typescript-eslint return-await ("in-try-catch": a promise returned inside try, or inside catch
// when a finally follows, must be awaited) -> missing-await.
import { UserService, fetchUser, log, saveUser, userPromise } from './lib';

declare const service: UserService;
declare function handle(error: unknown): void;

// @case return-await missing-await: returned without await inside try
export async function r01() {
  try {
    return fetchUser('1');
  } catch (error) {
    handle(error);
    throw error;
  }
}

// @case return-await missing-await: promise variable returned inside try
export async function r02() {
  try {
    return userPromise;
  } catch {
    return undefined;
  }
}

// @case return-await missing-await: returned inside try with only a finally
export async function r03() {
  try {
    return saveUser({ id: '1', name: 'a' });
  } finally {
    log('done');
  }
}

// @case return-await missing-await: returned inside catch when a finally follows
export async function r04() {
  try {
    return await fetchUser('1');
  } catch {
    return fetchUser('fallback');
  } finally {
    log('done');
  }
}

// @case return-await missing-await: nested in an if inside try
export async function r05(flag: boolean) {
  try {
    if (flag) {
      return fetchUser('1');
    }
    return null;
  } catch {
    return null;
  }
}

// @case return-await missing-await: method call returned inside try
export async function r06() {
  try {
    return service.load('1');
  } catch (error) {
    handle(error);
    return null;
  }
}

// @case return-await missing-await: returned Promise.all inside try
export async function r07() {
  try {
    return Promise.all([fetchUser('1'), fetchUser('2')]);
  } catch {
    return [];
  }
}

// @case return-await missing-await: inside a loop inside try
export async function r08(ids: string[]) {
  try {
    for (const id of ids) {
      if (id) return fetchUser(id);
    }
  } catch {
    return null;
  }
  return null;
}

// @case return-await missing-await: async method of a class
export class R09 {
  async get() {
    try {
      return fetchUser('1');
    } catch {
      return null;
    }
  }
}

// @case return-await missing-await: async arrow with a try
export const r10 = async () => {
  try {
    return fetchUser('1');
  } catch {
    return null;
  }
};

// @case return-await missing-await: then chain returned inside try
export async function r11() {
  try {
    return fetchUser('1').then((user) => user.name);
  } catch {
    return '';
  }
}

// @case return-await missing-await: returned in try nested within catch of an outer try
export async function r12() {
  try {
    return await fetchUser('1');
  } catch {
    try {
      return fetchUser('2');
    } catch {
      return null;
    }
  }
}

// @case return-await missing-await: ternary of promises returned inside try
export async function r13(flag: boolean) {
  try {
    return flag ? fetchUser('1') : fetchUser('2');
  } catch {
    return null;
  }
}

// @case return-await missing-await: inside a switch inside try
export async function r14(kind: string) {
  try {
    switch (kind) {
      case 'user':
        return fetchUser('1');
      default:
        return null;
    }
  } catch {
    return null;
  }
}

// @case return-await valid: awaited inside try
export async function rv01() {
  try {
    return await fetchUser('1');
  } catch {
    return null;
  }
}

// @case return-await valid: returned outside any try
export async function rv02() {
  return fetchUser('1');
}

// @case return-await valid: returned in catch without finally
export async function rv03() {
  try {
    return await fetchUser('1');
  } catch {
    return fetchUser('fallback');
  }
}

// @case return-await valid: returned inside finally
export async function rv04() {
  try {
    await saveUser({ id: '1', name: 'a' });
  } finally {
    log('x');
  }
  return fetchUser('1');
}

// @case return-await valid: non-async function returning inside try (cannot await)
export function rv05() {
  try {
    return fetchUser('1');
  } catch {
    return Promise.resolve(null);
  }
}

// @case return-await valid: non-promise value returned inside try
export async function rv06() {
  try {
    const user = await fetchUser('1');
    return user.name;
  } catch {
    return '';
  }
}

// @case return-await valid: nested callback returning a promise inside try
export async function rv07(ids: string[]) {
  try {
    return await Promise.all(ids.map((id) => fetchUser(id)));
  } catch {
    return [];
  }
}

// @case return-await valid: the try is in an outer function, the return in an inner async function
export async function rv08() {
  try {
    const load = async () => fetchUser('1');
    return await load();
  } catch {
    return null;
  }
}

// @case return-await valid: return after the try block
export async function rv09() {
  try {
    await saveUser({ id: '1', name: 'a' });
  } catch (error) {
    handle(error);
  }
  return fetchUser('1');
}

// @case return-await valid: returning an awaited then chain inside try
export async function rv10() {
  try {
    return await fetchUser('1').then((user) => user.name);
  } catch {
    return '';
  }
}

// @case return-await valid: async generator returning a value inside try
export async function* rv11() {
  try {
    yield await fetchUser('1');
    return 'done';
  } catch {
    return 'failed';
  }
}

// @case return-await valid: return with no value inside try
export async function rv12() {
  try {
    await saveUser({ id: '1', name: 'a' });
    return;
  } catch {
    return;
  }
}

// @case return-await missing-await: value that may be a promise returned inside try
declare function cachedOrFetch(id: string): Promise<string> | string;
export async function r15() {
  try {
    return cachedOrFetch('1');
  } catch {
    return '';
  }
}

// @case return-await valid: returned inside catch that has no finally, after awaiting in try
export async function rv13() {
  try {
    await saveUser({ id: '1', name: 'a' });
    return 'saved';
  } catch (error) {
    handle(error);
    return fetchUser('fallback').then((user) => user.name);
  }
}
