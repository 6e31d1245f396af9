async function test() {
  Promise.all([]);
  Promise.all([]).then(() => {});
  Promise.all([]).catch();
  Promise.all([]).finally();
}
export {};
