declare let x: boolean | Promise<void>;
x ||= Promise.resolve();
export {};
