declare const p: Promise<string> | undefined;
const s = p ? 'set' : 'unset';
export {};
