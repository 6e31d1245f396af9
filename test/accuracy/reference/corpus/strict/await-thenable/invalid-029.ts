declare const tuple: [number, Promise<string>];
async function f() {
  await Promise.all(tuple);
}
export {};
