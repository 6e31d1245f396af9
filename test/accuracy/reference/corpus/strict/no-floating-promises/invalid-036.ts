declare const condition: boolean | null;
condition ?? Promise.resolve();
export {};
