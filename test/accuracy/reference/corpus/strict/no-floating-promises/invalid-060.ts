async function returnsPromise() {
  return 'value';
}
returnsPromise().then(() => {}).finally(() => {});
export {};
