declare function run(): Promise<void>;
async function test() {
  try {
    return run();
  } catch (error) {
    throw new Error('wrapped', { cause: error });
  }
}
export {};
