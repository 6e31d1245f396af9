const test = async function () {
  try {
    return Promise.resolve(1);
  } catch {}
};
export {};
