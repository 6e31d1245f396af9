type O = { func: () => void };
async function g() {}
const obj: O = {
  func: g,
};
export {};
