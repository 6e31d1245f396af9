async function foo() {
  await (async () => {})();
}
export {};
