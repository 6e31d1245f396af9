const data = Promise.resolve({ key: 42 });
console.log({
  someData: 42,
  ...data,
});
export {};
