[Promise.resolve(), Promise.reject(new Error())];
export {};
