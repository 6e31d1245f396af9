const obj = { ...(await Promise.resolve({})) };
export {};
