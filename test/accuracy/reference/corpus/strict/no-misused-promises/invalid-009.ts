(true && Promise.resolve()) || false;
export {};
