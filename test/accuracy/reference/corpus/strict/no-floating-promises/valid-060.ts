async function f() {
  const results = await Promise.allSettled([Promise.reject(new Error())]);
  return results;
}
export {};
