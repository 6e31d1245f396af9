async function f(maybe: Promise<void> | null) {
  await maybe;
  maybe?.catch(() => {});
}
export {};
