const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
  cb(null, arg);
};
fnWithCallback('val', (err, res) => {
  if (err) {
    return 'abc';
  } else {
    return Promise.resolve(res);
  }
});
export {};
