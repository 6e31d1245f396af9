// The oldest Python a project says it supports, so that a fix does not write code that version
// cannot run (`asyncio.TaskGroup` is 3.11+). Read as packaging tools read it: `requires-python` in
// the nearest `pyproject.toml`'s `[project]` table, else `python_requires` in `setup.cfg`, walking
// up from the file. A project that states nothing has no floor (undefined). Read each time it is
// asked (only for a fix that needs it), as pytestConfig.ts reads pytest's files: an edited
// pyproject.toml counts at once.
import { firstUpward } from './configFiles';

const SOURCES: { name: string; key: RegExp }[] = [
  { name: 'pyproject.toml', key: /^\s*requires-python\s*=\s*["']([^"'\n]+)["']/m },
  { name: 'setup.cfg', key: /^\s*python_requires\s*=\s*([^\n#;]+)/m },
];

/** A lower bound in a specifier set: `>=3.8`, `>3.7`, `~=3.9`, `==3.10.*`. */
const LOWER_BOUND = /(?:>=|~=|==|>)\s*3\.(\d+)/g;

/** The lowest Python 3 minor version the project of `fileName` supports, or undefined when it does not say. */
export function pythonMinorFloor(fileName: string): number | undefined {
  return firstUpward(fileName, SOURCES.map((source) => source.name), declaredFloor)?.floor;
}

/** The floor a file states (`floor` undefined: none stated); undefined when the file says nothing and the walk goes on. */
function declaredFloor(text: string, file: string, name: string): { floor: number | undefined } | undefined {
  const specifier = SOURCES.find((source) => source.name === name)?.key.exec(text)?.[1];
  // A pyproject.toml is the project's root even when it says nothing of the version.
  if (specifier === undefined) return name === 'pyproject.toml' ? { floor: undefined } : undefined;
  const minors = [...specifier.matchAll(LOWER_BOUND)].map((match) => Number(match[1]));
  return { floor: minors.length ? Math.max(...minors) : undefined };
}
