while (Promise.resolve()) {}
export {};
