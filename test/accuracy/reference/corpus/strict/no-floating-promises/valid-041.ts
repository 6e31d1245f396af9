Promise.resolve().then(
  () => {},
  (error) => console.error(error),
);
export {};
