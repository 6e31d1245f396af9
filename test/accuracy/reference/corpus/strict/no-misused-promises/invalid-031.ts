interface ItLike {
  (name: string, callback: () => void): void;
}
interface ItLike {
  (name: string, callback: () => number): void;
}
declare const it: ItLike;
it('', async () => {});
export {};
