new Promise((resolve) => resolve());
export {};
