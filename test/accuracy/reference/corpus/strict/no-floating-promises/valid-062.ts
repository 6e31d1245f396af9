declare const p: Promise<void>;
void p.then(() => {});
export {};
