async function test() {
  try {
    return void Promise.resolve(1);
  } catch {}
}
export {};
