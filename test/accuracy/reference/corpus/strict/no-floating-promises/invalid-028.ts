declare const maybeHandler: ((reason: unknown) => void) | undefined;
Promise.resolve().catch(maybeHandler);
export {};
