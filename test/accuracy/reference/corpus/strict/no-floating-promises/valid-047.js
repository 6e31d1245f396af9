async function load() { return 1; }
load().catch(() => {});
load().then(() => {}, () => {});
void load();
export {};
