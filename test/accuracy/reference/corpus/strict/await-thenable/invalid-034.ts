declare const obj: { then?: number };
async function f() {
  await obj;
}
export {};
