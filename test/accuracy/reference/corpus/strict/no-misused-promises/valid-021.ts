declare function takesAny(cb: () => any): void;
takesAny(async () => {});
export {};
