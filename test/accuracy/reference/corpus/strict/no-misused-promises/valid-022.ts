declare function takesUnknown(cb: () => unknown): void;
takesUnknown(async () => {});
export {};
