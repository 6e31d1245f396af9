Promise.resolve('value').finally(() => {});
export {};
