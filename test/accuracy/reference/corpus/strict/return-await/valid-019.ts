async function test(): Promise<string> {
  const res = await fetch('...');
  if (res.ok) {
    return 'ok';
  }
  return Promise.resolve('not ok');
}
export {};
