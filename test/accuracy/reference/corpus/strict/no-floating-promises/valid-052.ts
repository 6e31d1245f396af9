// a statement of an array that contains no promise
[1, 2, 3];
export {};
