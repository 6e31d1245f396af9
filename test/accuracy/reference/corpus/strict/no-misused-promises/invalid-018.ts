const isReady = async () => true;
const r = isReady() ? 'yes' : 'no';
export {};
