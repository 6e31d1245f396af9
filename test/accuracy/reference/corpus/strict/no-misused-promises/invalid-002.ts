if (Promise.resolve()) {
} else if (Promise.resolve()) {
} else {
}
export {};
