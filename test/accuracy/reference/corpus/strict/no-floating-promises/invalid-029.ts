async function test() {
  declare const promise: Promise<void>;
  promise.catch(() => {}).finally(() => {}).then(() => {});
}
export {};
