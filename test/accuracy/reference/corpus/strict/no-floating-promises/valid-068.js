class Builder {
  then(resolve) { resolve(1); }
}
new Builder();
new Builder().then(() => {});
export {};
