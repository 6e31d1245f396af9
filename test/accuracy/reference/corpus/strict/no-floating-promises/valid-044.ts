const p = Promise.reject(new Error('x')).catch(() => {});
export {};
