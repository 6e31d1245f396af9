async function f() {
  await (Promise.resolve(1) as Promise<number>);
}
export {};
