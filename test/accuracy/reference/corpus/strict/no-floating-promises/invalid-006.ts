async function test() {
  Promise.race([]);
  Promise.allSettled([]);
  Promise.any([]);
}
export {};
