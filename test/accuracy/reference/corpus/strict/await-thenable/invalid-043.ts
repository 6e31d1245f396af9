declare const obj: { value: number };
async function f() {
  await obj.value;
}
export {};
