declare let p: Promise<void>;
(p);
export {};
