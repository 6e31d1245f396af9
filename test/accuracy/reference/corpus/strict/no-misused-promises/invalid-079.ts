declare function take(o: { onDone: () => void }): void;
take({
  onDone: async () => {},
});
export {};
