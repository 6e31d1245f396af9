// The twelve concept pages (docs/concepts/<slug>.md), rendered for JS/TS from the asyncio guide;
// each also has an "In Python (asyncio)" section (examples run by test/concept-python-examples.test.mjs).
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

/** Where the published guide lives, for links outside the editor (SARIF, CLI help). */
export const DOCS_BASE_URL = 'https://github.com/loopguard/loopguard/blob/main/docs/concepts/';

export function conceptUrl(slug: string): string {
  return `${DOCS_BASE_URL}${slug}.md`;
}

/** The concept page's path relative to the package root (shipped in the .vsix and the npm package). */
export function conceptDocRelativePath(slug: string): string {
  return `docs/concepts/${slug}.md`;
}

/** Pages that list every rule as background reading in their "Rules that point here" (each rule's `background` line). */
export const BACKGROUND_CONCEPTS: readonly string[] = ['coroutines', 'event-loop'];
