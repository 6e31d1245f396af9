// The Python API catalogue (server/src/data/python-blocking-apis.json, made by
// scripts/build-python-catalogue.mjs from the Ruff / flake8-async reference): blocking APIs by
// qualified name, each with its asyncio alternative and the fix that applies, and the coroutine
// functions outside the project. `Class()` in a name stands for an instance (`httpx.Client().get`),
// `*` for any one name part (`boto3.client().*`).
import data from '../../data/python-blocking-apis.json';

export interface PythonBlockingApi {
  name: string;
  category: string;
  /** The asyncio alternative, as the message says it. */
  alternative: string;
  /** `asyncio.sleep` for time.sleep; `asyncio.to_thread` for every other blocking call. */
  fix: 'asyncio.sleep' | 'asyncio.to_thread';
  /** The Ruff / flake8-async code the entry comes from, or `loopguard`. */
  source: string;
  /** A system call answered from memory (the working directory, `$HOME`): reported as info. */
  quick?: boolean;
}


class NameTable<T> {
  private readonly exact = new Map<string, T>();
  private readonly patterns: { regex: RegExp; value: T }[] = [];

  add(name: string, value: T): void {
    if (!name.includes('*')) {
      this.exact.set(name, value);
      return;
    }
    const source = name.split('*').map((part) => part.replace(/[.()[\]\\^$+?{}|]/g, '\\$&')).join('[A-Za-z0-9_]*');
    this.patterns.push({ regex: new RegExp(`^${source}$`), value });
  }

  get(name: string): T | undefined {
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    for (const pattern of this.patterns) if (pattern.regex.test(name)) return pattern.value;
    return undefined;
  }
}

const blocking = new NameTable<PythonBlockingApi>();
for (const entry of data.blocking as PythonBlockingApi[]) blocking.add(entry.name, entry);
const coroutines = new NameTable<true>();
for (const name of data.async) coroutines.add(name, true);

/** `pathlib.Path(p).parent.with_suffix('.x').exists` → `pathlib.Path().exists`: pure path steps keep the instance a path (a `PurePath` too: its I/O methods do not exist, but Ruff counts the call). */
const PATH_CHAIN = /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path(?:\(\)|\.home\(\)|\.cwd\(\))((?:\.(?:parent|with_suffix\(\)|with_name\(\)|with_stem\(\)|joinpath\(\)|absolute\(\)|expanduser\(\)|resolve\(\)))*)\.(\w+)$/;
const ALIASES: Record<string, string> = {
  // Modules that re-export what the catalogue lists under another name.
  'posixpath.': 'os.path.',
  'ntpath.': 'os.path.',
  'requests.api.': 'requests.',
};

export function normaliseApiName(name: string): string {
  for (const [from, to] of Object.entries(ALIASES)) if (name.startsWith(from)) name = to + name.slice(from.length);
  const path = PATH_CHAIN.exec(name);
  if (path) return `pathlib.Path().${path[2]}`;
  return name;
}

/** The blocking API a qualified name denotes, or undefined. */
export function blockingApi(qualifiedName: string | undefined): PythonBlockingApi | undefined {
  if (!qualifiedName) return undefined;
  return blocking.get(normaliseApiName(qualifiedName));
}

/** Whether a qualified name is a coroutine function outside the project (`asyncio.sleep`, `aiohttp.ClientSession().get`). */
export function isKnownCoroutineFunction(qualifiedName: string | undefined): boolean {
  return qualifiedName !== undefined && coroutines.get(qualifiedName) === true;
}

