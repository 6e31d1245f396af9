type O = { func: () => void };
const obj: O = {
  async func() {},
};
export {};
