interface Base {
  dispose(): void;
}
const impl: Base = {
  async dispose() {},
};
export {};
