async function test() {
  let unknownValue: unknown;
  await unknownValue;
}
export {};
