const obj: Record<string, () => void> = {
  a: async () => {},
};
export {};
