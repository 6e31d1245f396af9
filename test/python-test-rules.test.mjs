// async-test-assertion for Python across files: the pytest configuration found by walking up from a
// test file (pyproject.toml, pytest.ini, tox.ini, setup.cfg, conftest.py) decides whether unmarked
// async tests run; module-level `pytestmark` and the file name decide the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, engineModule, findingsOf } from './helpers/engine.mjs';

await engineModule.preparePython();
const engine = createEngine({ rules: [], pythonRules: engineModule.PYTHON_RULES });

const TEST = 'import pytest\n\n\nasync def test_it():\n    assert True\n';

/** Writes `files` (relative path → text) into a fresh folder and returns the async-test-assertion findings of `target`. */
function findingsIn(files, target = 'tests/test_it.py') {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-pytest-'));
  for (const [name, text] of Object.entries({ [target]: TEST, ...files })) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return findingsOf(engine.analyzeFile(path.join(root, target)), 'async-test-assertion');
}

test('no configuration: the unmarked async test is reported', () => {
  assert.equal(findingsIn({}).length, 1);
});

test('pyproject.toml [tool.pytest.ini_options] asyncio_mode = "auto" runs unmarked tests', () => {
  assert.equal(findingsIn({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\nasyncio_mode = "auto"\ntestpaths = ["tests"]\n' }).length, 0);
});

test('pyproject.toml with asyncio_mode = "strict", or the key in another table, does not', () => {
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest.ini_options]\nasyncio_mode = "strict"\n' }).length, 1);
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest.ini_options]\nminversion = "8"\n\n[tool.other]\nasyncio_mode = "auto"\n' }).length, 1);
});

test('pytest 9 native [tool.pytest] table', () => {
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest]\nasyncio_mode = "auto"\n' }).length, 0);
});

test('pytest.ini, tox.ini [pytest] and setup.cfg [tool:pytest] with asyncio_mode = auto', () => {
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\nasyncio_mode = auto\n' }).length, 0);
  assert.equal(findingsIn({ 'tox.ini': '[tox]\nenvlist = py311\n\n[pytest]\nasyncio_mode = auto\n' }).length, 0);
  assert.equal(findingsIn({ 'setup.cfg': '[metadata]\nname = x\n\n[tool:pytest]\nasyncio_mode=auto\n' }).length, 0);
  assert.equal(findingsIn({ 'setup.cfg': '[metadata]\nname = x\nasyncio_mode = auto\n' }).length, 1, 'outside [tool:pytest] it is not pytest configuration');
});

test('addopts --asyncio-mode=auto, and pytest-trio trio_mode', () => {
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\naddopts =\n    -ra\n    --asyncio-mode=auto\n' }).length, 0);
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = ["-ra", "--asyncio-mode=auto"]\n' }).length, 0);
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\ntrio_mode = true\n' }).length, 0);
});

test('the nearest configuration wins: a pytest.ini in tests/ hides the parent pyproject.toml', () => {
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n', 'tests/pytest.ini': '[pytest]\nminversion = 7\n' }).length, 1);
});

test('a pyproject.toml without a pytest table is skipped, the walk goes on up', () => {
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\nasyncio_mode = auto\n', 'tests/pyproject.toml': '[project]\nname = "tests"\n' }).length, 0);
});

test('a conftest.py that adds the asyncio marker at collection, or runs test functions itself', () => {
  const addMarker = 'import pytest\n\n\ndef pytest_collection_modifyitems(items):\n    for item in items:\n        item.add_marker(pytest.mark.asyncio)\n';
  assert.equal(findingsIn({ 'conftest.py': addMarker }).length, 0);
  assert.equal(findingsIn({ 'tests/conftest.py': 'def pytest_pyfunc_call(pyfuncitem):\n    return None\n' }).length, 0);
  assert.equal(findingsIn({ 'conftest.py': 'import pytest\n\n\n@pytest.fixture\ndef client():\n    return 1\n' }).length, 1, 'a conftest with fixtures only runs nothing');
});

test('module-level pytestmark with the asyncio marker; one the module cannot see into stays silent', () => {
  assert.equal(findingsIn({ 'tests/test_it.py': `import pytest\n\npytestmark = pytest.mark.asyncio\n\n\nasync def test_it():\n    pass\n` }).length, 0);
  assert.equal(findingsIn({ 'tests/test_it.py': `import pytest\n\npytestmark = [pytest.mark.integration, pytest.mark.anyio]\n\n\nasync def test_it():\n    pass\n` }).length, 0);
  assert.equal(findingsIn({ 'tests/test_it.py': `import pytest\nfrom marks import ASYNC\n\npytestmark = ASYNC\n\n\nasync def test_it():\n    pass\n` }).length, 0);
  assert.equal(findingsIn({ 'tests/test_it.py': `import pytest\n\npytestmark = pytest.mark.integration\n\n\nasync def test_it():\n    pass\n` }).length, 1);
});

test('test modules: test_*.py and *_test.py are, other files only when they import pytest', () => {
  const bare = 'async def test_it():\n    pass\n';
  assert.equal(findingsIn({ 'tests/test_bare.py': bare }, 'tests/test_bare.py').length, 1);
  assert.equal(findingsIn({ 'tests/bare_test.py': bare }, 'tests/bare_test.py').length, 1);
  assert.equal(findingsIn({ 'tests/helpers.py': bare }, 'tests/helpers.py').length, 0);
});

test('a plugin loaded with -p in addopts may run coroutines; -p no:<plugin> disables one and does not', () => {
  assert.equal(findingsIn({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = ["-p", "trio._tests.pytest_plugin"]\n' }).length, 0);
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\naddopts = -ra -p myproject.runner\n' }).length, 0);
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\naddopts = -ra -p no:cacheprovider\n' }).length, 1);
  assert.equal(findingsIn({ 'pytest.ini': '[pytest]\nmarkers =\n    p: something\naddopts = -ra\n' }).length, 1);
});

test('a plugin module beside the tests that defines pytest_pyfunc_call', () => {
  assert.equal(findingsIn({ 'tests/pytest_plugin.py': 'def pytest_pyfunc_call(pyfuncitem):\n    return True\n' }).length, 0);
  assert.equal(findingsIn({ 'tests/my_plugin.py': 'def helper():\n    return 1\n' }).length, 1);
});

// One mistake, one finding: a coroutine left unawaited inside pytest.raises is async-test-assertion's.
test('pytest.raises around an unawaited coroutine: async-test-assertion reports it, unawaited-coroutine only when that rule is off', () => {
  const source = 'import pytest\n\n\nasync def explode():\n    raise ValueError()\n\n\n@pytest.mark.asyncio\nasync def test_raises():\n    with pytest.raises(ValueError):\n        explode()\n';
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-pytest-'));
  const file = path.join(root, 'test_raises.py');
  writeFileSync(file, source);
  const ids = (report) => findingsOf(report).filter((finding) => finding.line === 10).map((finding) => finding.ruleId);
  assert.deepEqual(ids(engine.analyzeFile(file)), ['async-test-assertion']);
  const withoutTestRule = createEngine({ rules: [], pythonRules: engineModule.PYTHON_RULES, settings: { rules: { 'async-test-assertion': 'off' } } });
  assert.deepEqual(ids(withoutTestRule.analyzeFile(file)), ['unawaited-coroutine']);
});
