// typescript-eslint await-thenable -> await-non-promise.
import { UserService, compute, fetchUser, getCount, getName, log, userPromise, users } from './lib';

declare const service: UserService;
declare const anything: any;
declare const opaque: unknown;
declare const custom: { then(onFulfilled: (value: number) => void): void };
declare const maybePromise: Promise<number> | number;
declare function syncIterable(): Iterable<number>;

// @case await-thenable await-non-promise: await a number literal
export async function a01() {
  return await 1;
}

// @case await-thenable await-non-promise: await a string variable
export async function a02(name: string) {
  return await name;
}

// @case await-thenable await-non-promise: await a synchronous call returning a number
export async function a03() {
  const count = await getCount();
  return count;
}

// @case await-thenable await-non-promise: await a void-returning call
export async function a04() {
  await log('x');
}

// @case await-thenable await-non-promise: await an object without then
export async function a05() {
  const result = await compute();
  return result.total;
}

// @case await-thenable await-non-promise: await an uncalled async function
export async function a06() {
  return await fetchUser;
}

// @case await-thenable await-non-promise: await an array of promises
export async function a07() {
  return await users.map((user) => fetchUser(user.id));
}

// @case await-thenable await-non-promise: await a synchronous method
export async function a08() {
  return await service.count();
}

// @case await-thenable await-non-promise: await a boolean expression
export async function a09(a: number, b: number) {
  return await (a > b);
}

// @case await-thenable await-non-promise: await an array literal
export async function a10() {
  return await [1, 2, 3];
}

// @case await-thenable await-non-promise: await a template string
export async function a11(id: string) {
  return await `user:${id}`;
}

// @case await-thenable await-non-promise: await a class instance without then
class Box {
  constructor(readonly value: number) {}
}
export async function a12() {
  return await new Box(1);
}

// @case await-thenable await-non-promise: await a sync function's string result
export async function a13() {
  const name = await getName();
  return name.toUpperCase();
}

// @case await-thenable await-non-promise: await the length of an array
export async function a14() {
  return await users.length;
}

// @case await-thenable await-non-promise: await an uncalled method
export async function a15() {
  return await service.load;
}

// @case await-thenable await-non-promise: await a Map
export async function a16() {
  return await new Map<string, number>();
}

// @case await-thenable await-non-promise: for await over a synchronous iterable of numbers
export async function a17() {
  for await (const value of syncIterable()) log(String(value));
}

// @case await-thenable await-non-promise: await a Number conversion
export async function a18(text: string) {
  return await Number(text);
}

// @case await-thenable await-non-promise: await an arrow function value
export async function a19() {
  return await (() => 1);
}

// @case await-thenable await-non-promise: await a number property of an object
export async function a20(settings: { retries: number }) {
  return await settings.retries;
}

// @case await-thenable valid: await a promise
export async function av01() {
  return await fetchUser('1');
}

// @case await-thenable valid: await a promise variable
export async function av02() {
  return await userPromise;
}

// @case await-thenable valid: await any
export async function av03() {
  return await anything;
}

// @case await-thenable valid: await unknown
export async function av04() {
  return await opaque;
}

// @case await-thenable valid: await a custom thenable
export async function av05() {
  return await custom;
}

// @case await-thenable valid: await a union with a promise
export async function av06() {
  return await maybePromise;
}

// @case await-thenable valid: await a generic value
export async function av07<T>(value: T) {
  return await value;
}

// @case await-thenable valid: await Promise.all
export async function av08() {
  return await Promise.all(users.map((user) => fetchUser(user.id)));
}

// @case await-thenable valid: await an async method call
export async function av09() {
  return await service.load('1');
}

// @case await-thenable valid: for await over an async generator
async function* pages() {
  yield 1;
}
export async function av10() {
  for await (const page of pages()) log(String(page));
}

// @case await-thenable valid: await a PromiseLike
declare const like: PromiseLike<string>;
export async function av11() {
  return await like;
}

// @case await-thenable valid: await a value of a type parameter constrained to a promise
export async function av12<T extends Promise<number>>(value: T) {
  return await value;
}

// @case await-thenable valid: await a conditional between two promises
export async function av13(flag: boolean) {
  return await (flag ? fetchUser('1') : userPromise);
}

// @case await-thenable valid: await the result of then
export async function av14() {
  return await userPromise.then((user) => user.name);
}

// @case await-thenable valid: await a function result typed any
declare function untyped(): any;
export async function av15() {
  return await untyped();
}

// @case await-thenable valid: await Promise.resolve of a number
export async function av16() {
  return await Promise.resolve(1);
}

// @case await-thenable await-non-promise: await an optional string
export async function a21(name: string | undefined) {
  return await name;
}

// @case await-thenable await-non-promise: await a Date
export async function a22() {
  return await new Date();
}

// @case await-thenable valid: await an optional promise
export async function av17(pending: Promise<void> | undefined) {
  await pending;
}
