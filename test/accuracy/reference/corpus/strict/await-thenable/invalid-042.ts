declare function log(): void;
async function f() {
  await log();
}
export {};
