declare const p: Promise<boolean> | null;
if (p) {
}
export {};
