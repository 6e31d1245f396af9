new Promise(async (resolve, reject) => {
  await Promise.resolve();
  resolve();
});
export {};
