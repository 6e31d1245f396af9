interface ItLike {
  (name: string, callback: () => number): void;
  (name: string, callback: () => void): void;
}
declare const it: ItLike;
it('', async () => {});
export {};
