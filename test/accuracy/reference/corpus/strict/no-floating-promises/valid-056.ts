// a fluent builder with its own then (a query or reply builder) is a thenable, not a Promise
class Query {
  where(x: string): this {
    return this;
  }
  then<T>(onfulfilled?: (value: number[]) => T, onrejected?: (reason: unknown) => T): Promise<T> {
    return Promise.resolve([]).then(onfulfilled, onrejected);
  }
}
declare const query: Query;
query.where('a');
query.where('a').then(() => {});
export {};
