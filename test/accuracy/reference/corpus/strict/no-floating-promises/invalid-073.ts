Promise.reject(new Error('x')).then(null, undefined);
export {};
