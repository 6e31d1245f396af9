interface ItLike {
  (name: string, callback: () => Promise<void>): void;
  (name: string, callback: () => void): void;
}
declare const it: ItLike;
it('', async () => {});
export {};
