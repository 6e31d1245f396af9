// assignments are not statements of a promise
declare function f(): Promise<void>;
let p: Promise<void>;
p = f();
export {};
