declare const obj: { list: Promise<void>[] } | undefined;
obj?.list;
export {};
