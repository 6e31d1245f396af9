declare function setCallback(cb: () => void): void;
declare function fetchIt(): Promise<void>;
setCallback(fetchIt);
export {};
