function syncFn() {}
async function f() {
  await syncFn();
}
export {};
