type O = { func: () => void };
const obj: O = {
  func() {},
};
export {};
