async function f() {}
f().then(() => {});
export {};
