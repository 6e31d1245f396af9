function f(): { cb: () => void } {
  return { cb: async () => {} };
}
export {};
