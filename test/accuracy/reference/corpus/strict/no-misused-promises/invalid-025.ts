const fnWithCallback = (arg: string, cb: (err: any, res: string) => void) => {
  cb(null, arg);
};
fnWithCallback('val', async (err, res) => {
  await res;
});
export {};
