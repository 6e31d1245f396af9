declare function foo(cb: () => void): void;
foo(async () => {
  try {
    await Promise.resolve();
  } catch {}
});
export {};
