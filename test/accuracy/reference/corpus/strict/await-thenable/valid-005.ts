async function test() {
  let anyValue: any;
  await anyValue;
}
export {};
