if (Promise.resolve()) {
}
export {};
