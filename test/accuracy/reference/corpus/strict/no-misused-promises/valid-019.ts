[1, 2, 3].forEach((val) => {
  console.log(val);
});
export {};
