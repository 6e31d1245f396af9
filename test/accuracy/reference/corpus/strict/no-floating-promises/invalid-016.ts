(async () => {
  await something();
})();
declare function something(): Promise<void>;
export {};
