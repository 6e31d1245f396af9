Promise.allSettled([Promise.reject(new Error())]).then((results) => console.log(results), () => {});
export {};
