declare function maybeAsync(): number | Promise<number>;
async function f() {
  await maybeAsync();
}
export {};
