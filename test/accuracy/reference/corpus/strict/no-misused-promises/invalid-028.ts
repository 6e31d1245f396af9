const fnWithCallback:
  | ((arg: string, cb: (err: any, res: string) => void) => void)
  | null = (arg, cb) => {
  cb(null, arg);
};
fnWithCallback?.('val', (err, res) => Promise.resolve(res));
export {};
