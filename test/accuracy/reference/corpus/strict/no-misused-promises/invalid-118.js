document.addEventListener('click', async () => {});
export {};
