setTimeout(async () => {}, 0);
export {};
