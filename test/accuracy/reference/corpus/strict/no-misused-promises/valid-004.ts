if (~Promise.resolve()) {
}
export {};
