(async () => {
  something();
})();
declare function something(): Promise<void>;
export {};
