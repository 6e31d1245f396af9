declare const maybe: Promise<number> | undefined;
async function f() {
  await maybe;
}
export {};
