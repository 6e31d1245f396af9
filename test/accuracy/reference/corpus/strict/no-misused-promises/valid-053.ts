type O = { func: () => Promise<void> };
const obj: O = {
  async func() {},
};
export {};
