type O = { func: () => void };
const obj: O = {
  func: () => {},
};
const other = { ...obj };
export {};
