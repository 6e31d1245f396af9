// The twelve concept pages (docs/concepts/<slug>.md), rendered for JS/TS from the asyncio guide.
export const CONCEPTS: Record<string, string> = {
  coroutines: 'Coroutines: async functions',
  'event-loop': 'The event loop',
  'tasks-and-futures': 'Tasks and futures: promises',
  'synchronization-primitives': 'Synchronization primitives',
  await: 'Await',
  'concurrency-vs-parallelism': 'Concurrency vs parallelism',
  'network-io': 'Network I/O',
  'file-io': 'File I/O',
  'fan-out': 'Fan-out: many requests at once',
  'avoiding-blocking-calls': 'Avoiding blocking calls',
  'error-handling': 'Error handling',
  'testing-async-code': 'Testing async code',
};

export function conceptTitle(slug: string): string {
  return CONCEPTS[slug] ?? slug;
}
