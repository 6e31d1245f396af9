type Fn = () => void;
function f(): Fn {
  return async function () {};
}
export {};
