const p = Promise.reject(new Error('x'));
p;
export {};
