async function ready() {
  return true;
}
if (ready()) {
}
export {};
