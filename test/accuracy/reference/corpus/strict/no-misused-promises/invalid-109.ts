declare function foo(cb: () => void): void;
declare const maybe: boolean;
foo(maybe ? async () => {} : () => {});
export {};
