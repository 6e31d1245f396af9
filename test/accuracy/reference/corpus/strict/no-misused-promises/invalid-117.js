const p = Promise.resolve(true);
while (p) {
  break;
}
export {};
