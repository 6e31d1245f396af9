async function main() {
  try {
    Promise.reject(new Error('x'));
  } catch {}
}
export {};
