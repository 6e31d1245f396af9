declare const callback: (() => void) | undefined;
async function f() {
  await callback?.();
}
export {};
