async function f() {
  const p = new Promise<void>((resolve) => resolve());
  await p;
}
export {};
