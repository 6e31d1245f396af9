const obj = { ...(await Promise.resolve({ a: 1 })) };
export {};
