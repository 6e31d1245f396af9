async function f() {}
if (f()) {
}
export {};
