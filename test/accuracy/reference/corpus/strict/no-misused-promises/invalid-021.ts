async function getData() {
  return { key: 42 };
}
const obj = { ...getData() };
export {};
