declare const condition: boolean;
condition || Promise.resolve();
export {};
