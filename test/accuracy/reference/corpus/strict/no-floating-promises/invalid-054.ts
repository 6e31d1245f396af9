declare function returnsPromiseOrNumber(): Promise<void> | number;
returnsPromiseOrNumber();
export {};
