declare const value: number;
value;
export {};
