if (!Promise.resolve()) {
}
export {};
