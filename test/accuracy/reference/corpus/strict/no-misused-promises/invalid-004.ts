do {} while (Promise.resolve());
export {};
