declare const list: Promise<void>[];
void Promise.all(list);
export {};
