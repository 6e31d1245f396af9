async function f() {}
f().finally(() => {});
export {};
