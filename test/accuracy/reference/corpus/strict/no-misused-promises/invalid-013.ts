declare let x: Promise<boolean>;
x &&= Promise.resolve(true);
export {};
