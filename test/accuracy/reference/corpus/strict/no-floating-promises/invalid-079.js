new Promise((resolve) => resolve(1));
export {};
