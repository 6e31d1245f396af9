declare const maybe: (() => Promise<void>) | undefined;
maybe?.();
export {};
