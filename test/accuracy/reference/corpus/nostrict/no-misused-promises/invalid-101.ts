if (Promise.resolve()) {
}
[1, 2].forEach(async () => {});
export {};
