async function test() {
  try {
    return fetch('x');
  } catch {
    return null;
  }
}
export {};
