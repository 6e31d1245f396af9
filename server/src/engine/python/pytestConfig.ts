// Which pytest configuration applies to a Python file, and whether it runs `async def` tests without
// a marker: pytest-asyncio's `asyncio_mode = auto` (or `--asyncio-mode=auto` in addopts),
// pytest-trio's `trio_mode = true`. The file is found as pytest finds it: walking up from the test
// file's folder, in each folder `pytest.ini` / `.pytest.ini` (always), `pyproject.toml` (with a
// `[tool.pytest.ini_options]` or `[tool.pytest]` table), `tox.ini` (with `[pytest]`), `setup.cfg`
// (with `[tool:pytest]`); the first found is the configuration. A `conftest.py` between the test and
// the filesystem root that adds markers at collection or runs test functions itself
// (`pytest_collection_modifyitems` with `add_marker`, `pytest_pyfunc_call`) counts as a runner too.
// A few lines of INI/TOML are read with regular expressions: only these keys are needed, and no
// TOML parser is among the dependencies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstUpward, readConfigFile } from './configFiles';

export interface PytestAsyncRunner {
  /** The file that makes pytest run unmarked async tests, and why (`asyncio_mode = auto`). */
  file: string;
  reason: string;
}

const CANDIDATES: { name: string; section?: RegExp }[] = [
  { name: 'pytest.ini' },
  { name: '.pytest.ini' },
  { name: 'pyproject.toml', section: /^\s*\[\s*tool\.pytest(?:\.ini_options)?\s*\]/m },
  { name: 'tox.ini', section: /^\s*\[\s*pytest\s*\]/m },
  { name: 'setup.cfg', section: /^\s*\[\s*tool:pytest\s*\]/m },
];

const AUTO_MODE = /^\s*asyncio_mode\s*[=:]\s*["']?auto["']?\s*(?:[#;].*)?$/m;
const AUTO_OPTION = /--asyncio-mode(?:=|\s+)["']?auto\b/;
const TRIO_MODE = /^\s*trio_mode\s*[=:]\s*["']?(?:true|1|yes)["']?\s*(?:[#;].*)?$/im;

/** `conftest.py` and pytest plugin modules (`pytest_plugin.py`, `*_plugin.py`) in a folder. */
function pluginFilesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name === 'conftest.py' || /(?:^|_)plugin\.py$/.test(name));
  } catch {
    return [];
  }
}

/** The value of `addopts` in a pytest section: INI continuation lines (indented) or a TOML array over several lines. */
function addoptsOf(section: string): string {
  const match = /^[ \t]*addopts[ \t]*[=:]([^\n]*(?:\n(?:[ \t]+[^\n]*|[ \t]*["'\]][^\n]*))*)/m.exec(section);
  return match ? match[1] : '';
}

/** The text of the pytest section of a config file (from its header to the next header), or the whole file for pytest.ini. */
function pytestSection(text: string, header: RegExp | undefined): string | undefined {
  if (!header) return text;
  const match = header.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match.index + match[0].length);
  const next = /^\s*\[[^\]\n]*\]\s*$/m.exec(rest);
  // `[tool.pytest.ini_options]` sub-tables (`[tool.pytest.ini_options.x]`) do not occur; the next header ends it.
  return next ? rest.slice(0, next.index) : rest;
}

/** The pytest configuration file for a test file (the first found walking up), with its pytest section's text. */
export function pytestConfigFor(fileName: string): { file: string; section: string } | undefined {
  return firstUpward(fileName, CANDIDATES.map((candidate) => candidate.name), (text, file, name) => {
    const section = pytestSection(text, CANDIDATES.find((candidate) => candidate.name === name)?.section);
    return section === undefined ? undefined : { file, section };
  });
}

/** What runs `async def` tests that carry no marker, for this test file; undefined when nothing does (pytest-asyncio's default strict mode). */
export function pytestAsyncRunner(fileName: string): PytestAsyncRunner | undefined {
  const config = pytestConfigFor(fileName);
  if (config) {
    if (AUTO_MODE.test(config.section)) return { file: config.file, reason: 'asyncio_mode = auto' };
    if (AUTO_OPTION.test(config.section)) return { file: config.file, reason: '--asyncio-mode=auto' };
    if (TRIO_MODE.test(config.section)) return { file: config.file, reason: 'trio_mode = true' };
    // `-p some.plugin`: a plugin the configuration loads may run coroutines itself (trio's own test suite does).
    if (/(?:^|[\s"',[])-p[\s"',=]*(?!no:)[\w.]+/.test(addoptsOf(config.section))) return { file: config.file, reason: 'a plugin loaded with -p' };
  }
  for (let dir = path.dirname(path.resolve(fileName)); ; dir = path.dirname(dir)) {
    for (const name of pluginFilesIn(dir)) {
      const file = path.join(dir, name);
      const text = readConfigFile(file);
      if (text === undefined) continue;
      if (/\bdef\s+pytest_pyfunc_call\b/.test(text)) return { file, reason: 'pytest_pyfunc_call' };
      if (name === 'conftest.py' && /\badd_marker\b/.test(text) && /\b(?:asyncio|anyio|trio)\b/.test(text)) return { file, reason: 'add_marker' };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
