type Handler = (event: string) => void;
declare function on(h: Handler): void;
on(async (event) => {
  console.log(event);
});
export {};
