declare function vscodeLike(): Thenable<void>;
interface Thenable<T> extends PromiseLike<T> {}
vscodeLike();
export {};
