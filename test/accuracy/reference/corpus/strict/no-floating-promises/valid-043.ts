Promise.resolve().then(() => {}, function () {});
export {};
