function f(): () => void {
  return () => {};
}
export {};
