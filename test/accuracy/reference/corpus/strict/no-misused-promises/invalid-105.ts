document.addEventListener('click', async () => {
  await Promise.resolve();
});
export {};
