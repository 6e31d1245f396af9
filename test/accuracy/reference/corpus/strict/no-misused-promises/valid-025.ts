declare function takesUnion(cb: (() => void) | (() => Promise<void>)): void;
takesUnion(async () => {});
export {};
