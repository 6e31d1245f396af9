const test = async () => {
  try {
    return Promise.resolve(1);
  } catch {}
};
export {};
