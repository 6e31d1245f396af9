const doSomething = async () => {};
doSomething();
export {};
