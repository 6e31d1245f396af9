new Promise(async (resolve) => {
  await null;
  resolve();
});
export {};
