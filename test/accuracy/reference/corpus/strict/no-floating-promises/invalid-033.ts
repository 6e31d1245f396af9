declare const condition: boolean;
condition ? Promise.resolve() : 1;
export {};
