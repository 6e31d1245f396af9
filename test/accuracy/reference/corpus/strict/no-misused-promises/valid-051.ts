type O = { func: () => Promise<void> };
const obj: O = {
  func: async () => {},
};
export {};
