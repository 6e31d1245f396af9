// typescript-eslint no-misused-promises, checksConditionals and checksSpreads -> missing-await.
import { deleteUser, fetchUser, log, userPromise } from './lib';

declare function isAdmin(id: string): Promise<boolean>;
declare function settings(): Promise<{ theme: string; size: number }>;
declare function list(): Promise<string[]>;
declare const maybe: Promise<boolean> | undefined;

// @case no-misused-promises missing-await: promise as an if condition
export async function c01() {
  if (isAdmin('1')) log('admin');
}

// @case no-misused-promises missing-await: promise variable as an if condition
export function c02() {
  const admin = isAdmin('1');
  if (admin) log('admin');
}

// @case no-misused-promises missing-await: promise in a while condition
export async function c03() {
  while (deleteUser('1')) log('again');
}

// @case no-misused-promises missing-await: promise as a ternary test
export async function c04() {
  return isAdmin('1') ? 'yes' : 'no';
}

// @case no-misused-promises missing-await: negated promise
export async function c05() {
  if (!isAdmin('1')) log('not admin');
}

// @case no-misused-promises missing-await: promise on the left of && in a condition
export async function c06(ready: boolean) {
  if (isAdmin('1') && ready) log('x');
}

// @case no-misused-promises missing-await: promise in a do-while condition
export async function c07() {
  do {
    log('try');
  } while (deleteUser('1'));
}

// @case no-misused-promises missing-await: promise in a for condition
export async function c08() {
  for (let i = 0; isAdmin(String(i)); i++) log('loop');
}

// @case no-misused-promises missing-await: promise on the right of || in a condition
export async function c09(cached: boolean) {
  if (cached || isAdmin('1')) log('ok');
}

// @case no-misused-promises missing-await: promise as a condition in an arrow
export const c10 = () => (isAdmin('1') ? 1 : 0);

// @case no-misused-promises missing-await: promise property read as a condition
export async function c11(account: { verified: Promise<boolean> }) {
  if (account.verified) log('verified');
}

// @case no-misused-promises missing-await: spread of a promise into an object
export async function s01() {
  return { ...settings() };
}

// @case no-misused-promises missing-await: spread of a promise variable into an object
export async function s02() {
  const current = settings();
  return { ...current, extra: true };
}

// @case no-misused-promises missing-await: spread of a promise-valued property into an object
export function s03(store: { current: Promise<{ theme: string }> }) {
  return { ...store.current };
}

// @case no-misused-promises missing-await: spread of a promise into a nested object literal
export async function s04() {
  return { options: { ...settings(), size: 1 } };
}

// @case no-misused-promises valid: awaited in the condition
export async function cv01() {
  if (await isAdmin('1')) log('admin');
}

// @case no-misused-promises valid: checking that an optional promise exists
export async function cv02() {
  if (maybe) await maybe;
}

// @case no-misused-promises valid: awaited value in a ternary
export async function cv03() {
  return (await isAdmin('1')) ? 'yes' : 'no';
}

// @case no-misused-promises valid: boolean condition
export function cv04(flag: boolean) {
  if (flag) log('flag');
}

// @case no-misused-promises valid: spread of the awaited value
export async function cv05() {
  return { ...(await settings()) };
}

// @case no-misused-promises valid: spread of an awaited array
export async function cv06() {
  return [...(await list())];
}

// @case no-misused-promises valid: nullish coalescing to a default promise
export function cv07() {
  return maybe ?? Promise.resolve(false);
}

// @case no-misused-promises valid: promise compared to undefined explicitly after await
export async function cv08() {
  const user = await fetchUser('1');
  if (user.name) log(user.name);
}

// @case no-misused-promises valid: logical expression outside a condition, returned as a value
export function cv09(cached: Promise<string> | null) {
  return cached || userPromise.then((user) => user.name);
}

// @case no-misused-promises valid: while over an awaited condition
export async function cv10() {
  while (await deleteUser('1')) log('again');
}
