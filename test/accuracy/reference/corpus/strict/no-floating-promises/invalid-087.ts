declare function get(): Promise<number>;
get().then((value) => value, undefined);
export {};
