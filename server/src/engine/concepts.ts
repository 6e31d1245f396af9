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

export function conceptUrl(slug: string, sourceFile?: string): string {
  return `${DOCS_BASE_URL}${slug}.md${conceptAnchor(sourceFile)}`;
}

/** Every page's Python section is headed `## In Python (asyncio)`; GitHub and VS Code's Markdown
 *  preview both slug it to this anchor (test/concepts.test.mjs checks each page has it). */
export const PYTHON_SECTION_HEADING = 'In Python (asyncio)';
const PYTHON_SECTION_ANCHOR = 'in-python-asyncio';

/** A Python finding's link opens its page at the Python section; a JS/TS finding's at the top. */
export function conceptAnchor(sourceFile: string | undefined): string {
  return sourceFile?.endsWith('.py') ? `#${PYTHON_SECTION_ANCHOR}` : '';
}

/** The published page a finding links to, at the section for the finding's language. */
export function findingConceptUrl(finding: { concept: string; fileName: string }): string {
  return conceptUrl(finding.concept, finding.fileName);
}

/** The concept page's path relative to the package root (shipped in the .vsix and the npm package). */
export function conceptDocRelativePath(slug: string): string {
  return `docs/concepts/${slug}.md`;
}

/** Pages that list every rule as background reading in their "Rules that point here" (each rule's `background` line). */
export const BACKGROUND_CONCEPTS: readonly string[] = ['coroutines', 'event-loop'];
