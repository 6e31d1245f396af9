async function load() { return 1; }
async function test() {
  try {
    return load();
  } finally {
    console.log('done');
  }
}
export {};
