const getData = () => Promise.resolve({ key: 42 });
console.log({
  someData: 42,
  ...getData(),
});
export {};
