declare const maybeArray: Array<Promise<unknown>> | undefined;
maybeArray?.slice();
export {};
