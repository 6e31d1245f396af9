declare const v: Promise<void> | void;
async function f() {
  await v;
}
export {};
