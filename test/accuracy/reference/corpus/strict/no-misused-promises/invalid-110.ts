declare const p: Promise<number>;
if (p) {
}
export {};
