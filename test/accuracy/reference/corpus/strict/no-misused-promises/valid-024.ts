declare function takesEither(cb: () => void | Promise<void>): void;
takesEither(async () => {});
export {};
