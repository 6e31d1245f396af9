for (let i; Promise.resolve(); i++) {}
export {};
