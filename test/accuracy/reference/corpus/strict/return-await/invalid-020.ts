declare const userPromise: Promise<string>;
async function test() {
  try {
    return userPromise;
  } catch {
    return '';
  }
}
export {};
