declare function fetchUser(): Promise<string>;
async function test() {
  try {
    return fetchUser();
  } catch (error) {
    console.error(error);
    return 'fallback';
  }
}
export {};
