(async function foo() {})();
export {};
