const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
  cb(null, arg);
};
fnWithCallback('val', (err, res) => Promise.resolve(res));
export {};
