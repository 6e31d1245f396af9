const f: () => void = async function () {};
export {};
