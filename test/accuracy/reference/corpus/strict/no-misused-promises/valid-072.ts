setInterval(async () => {}, 1000);
export {};
