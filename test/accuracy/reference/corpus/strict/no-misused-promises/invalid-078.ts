type O = { [key: string]: () => void };
const obj: O = {
  async a() {},
};
export {};
