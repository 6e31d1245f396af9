function syncFn() { return 1; }
async function f() {
  await syncFn();
}
export {};
