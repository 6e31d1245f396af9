declare const maybeCallback: (() => Promise<void>) | undefined;
void maybeCallback?.();
export {};
