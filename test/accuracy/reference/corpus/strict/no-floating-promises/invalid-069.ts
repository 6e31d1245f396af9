declare function fetchData(): Promise<string>;
function handler() {
  fetchData();
}
export {};
