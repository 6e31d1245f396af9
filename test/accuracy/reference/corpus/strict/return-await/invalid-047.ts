async function test() {
  try {
    switch (Math.random()) {
      case 1:
        return Promise.resolve(1);
    }
  } catch {}
}
export {};
