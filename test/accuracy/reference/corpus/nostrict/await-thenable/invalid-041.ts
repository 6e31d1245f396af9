function syncFn(): void {}
async function f() {
  await syncFn();
}
export {};
