(async function () {
  await res(1);
})();
declare function res(n: number): Promise<void>;
export {};
