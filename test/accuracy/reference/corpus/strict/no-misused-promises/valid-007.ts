new Promise((resolve, reject) => {
  resolve();
});
export {};
