const asyncFn = async () => {};
[1, 2].forEach(asyncFn);
export {};
