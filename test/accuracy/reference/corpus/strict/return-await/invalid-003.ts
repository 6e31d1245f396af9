async function test() {
  try {
    return Promise.resolve(1);
  } finally {
    console.log('cleanup');
  }
}
export {};
