const obj = {
  async func() {},
};
export {};
