function handler() {
  fetchLater().catch((error) => console.error(error));
}
async function fetchLater() {}
export {};
