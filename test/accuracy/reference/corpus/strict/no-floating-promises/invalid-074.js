async function load() { return 1; }
load();
export {};
