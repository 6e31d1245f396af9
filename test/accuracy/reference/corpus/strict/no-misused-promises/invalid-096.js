[1, 2, 3].forEach(async (value) => {
  await Promise.resolve(value);
});
export {};
