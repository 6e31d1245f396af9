class Reply {
  then(resolve: (v: number) => void, reject: (e: unknown) => void) {
    resolve(1);
  }
}
async function f() {
  await new Reply();
}
export {};
