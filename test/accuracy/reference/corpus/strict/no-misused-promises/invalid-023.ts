[1, 2, 3].forEach(async (value) => {
  await fetch(String(value));
});
export {};
