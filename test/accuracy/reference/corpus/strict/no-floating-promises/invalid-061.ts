async function returnsPromise() {
  return 'value';
}
returnsPromise().catch(() => {}).then(() => {});
export {};
