['a', 'b'].map((x) => x).forEach(async (x) => {});
export {};
