declare const obj: { a?: { b?: () => void } };
async function f() {
  await obj.a?.b?.();
}
export {};
