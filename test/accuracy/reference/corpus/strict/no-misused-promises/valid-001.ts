if (true) {
}
export {};
