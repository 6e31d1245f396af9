async function test() {
  return await (Math.random() > 0.5 ? Promise.resolve(1) : Promise.resolve(2));
}
export {};
