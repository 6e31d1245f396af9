type O = { [key: string]: () => Promise<void> };
const obj: O = {
  a: async () => {},
};
export {};
