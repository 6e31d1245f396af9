type O = { func: () => void };
const func = async () => {};
const obj: O = {
  func,
};
export {};
