type O = { func: () => void | Promise<void> };
const obj: O = {
  func: async () => {},
};
export {};
