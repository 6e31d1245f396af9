declare const arrayOfThenables: PromiseLike<void>[];
arrayOfThenables;
export {};
