interface ItLike {
  (name: string, callback: () => void): void;
}
interface ItLike {
  (name: string, callback: () => Promise<void>): void;
}
declare const it: ItLike;
it('', async () => {});
export {};
