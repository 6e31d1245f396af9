declare const obj: { a: { b: { c?: () => void } } } | undefined;
async function f() {
  await obj?.a.b.c?.();
}
export {};
