declare const p: Promise<boolean>;
if (p && true) {
}
export {};
