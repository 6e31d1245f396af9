declare function isReady(): Promise<boolean>;
while (!isReady()) {}
export {};
