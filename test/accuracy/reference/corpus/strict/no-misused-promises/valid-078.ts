declare const p: Promise<number> | null;
const isSet = p !== null;
if (p !== null) {
}
export {};
