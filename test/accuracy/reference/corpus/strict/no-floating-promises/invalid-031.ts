new Promise<void>((resolve) => {
  resolve();
}).then(() => {});
export {};
