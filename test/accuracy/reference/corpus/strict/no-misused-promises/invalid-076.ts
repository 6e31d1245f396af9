type O = { func: () => void };
function f(): O {
  return {
    func: async () => {},
  };
}
export {};
