async function f(maybe: Promise<number> | null) {
  await maybe;
}
export {};
