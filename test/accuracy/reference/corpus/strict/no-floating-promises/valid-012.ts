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
export {};
