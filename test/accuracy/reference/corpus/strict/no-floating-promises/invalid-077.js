(async () => {
  await Promise.resolve();
})();
export {};
