[1, 2, 3].forEach((val) => {});
export {};
