async function test() {
  try {
    return await Promise.resolve(1);
  } finally {
    console.log('cleanup');
  }
}
export {};
