declare const target: EventTarget;
async function onEvent() {}
target.addEventListener('x', onEvent);
export {};
