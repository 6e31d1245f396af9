const thenable = { then(resolve) { resolve(1); } };
thenable.then(() => {});
export {};
