type O = { func: () => void };
const obj: O = {
  func: async function () {},
};
export {};
