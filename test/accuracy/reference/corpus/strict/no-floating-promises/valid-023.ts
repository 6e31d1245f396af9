declare const x: any;
x();
x.foo();
export {};
