type Fn = () => void;
const fns: Fn[] = [];
fns[0] = async () => {};
export {};
