function foo() {
  (async function bar() {})();
}
export {};
