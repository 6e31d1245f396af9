declare const condition: boolean;
condition ? Promise.resolve() : Promise.resolve();
export {};
