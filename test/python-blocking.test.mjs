// Python blocking-call and unawaited-coroutine across modules: the project model (roots, src/ and
// namespace layouts, module names, resolution through __init__ re-exports, relative imports and
// aliases) and the event-loop reach of sync helpers, on the multi-file projects under
// test/fixtures/rules/blocking-call/projects/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createEngine, engineModule, findingsOf, fixturesRoot, ownFixes } from './helpers/engine.mjs';

await engineModule.preparePython();
const projects = path.join(fixturesRoot, 'rules/blocking-call/projects');
const file = (...parts) => path.join(projects, ...parts);

function findings(engine, fileName, ruleId) {
  return findingsOf(engine.analyzeFile(fileName), ruleId).map((finding) => ({ line: finding.line + 1, message: finding.message, related: (finding.related ?? []).map((item) => `${path.basename(item.fileName)}:${item.range.start.line + 1}`), fixes: ownFixes(finding) }));
}

test('project model: roots, src/ layout, namespace packages and module names', () => {
  const project = createEngine().pythonProject;
  assert.equal(project.rootOf(file('reexport/pkg/helpers.py')), file('reexport'));
  assert.deepEqual(project.moduleNameOf(file('reexport/pkg/helpers.py')), { moduleName: 'pkg.helpers', isPackage: false });
  assert.deepEqual(project.moduleNameOf(file('reexport/pkg/__init__.py')), { moduleName: 'pkg', isPackage: true });
  assert.deepEqual(project.moduleNameOf(file('srclayout/src/svc/api.py')), { moduleName: 'svc.api', isPackage: false });
  assert.deepEqual(project.moduleNameOf(file('namespace/ns/tools/net.py')), { moduleName: 'ns.tools.net', isPackage: false });
  assert.equal(project.fileOfModule('svc.storage', file('srclayout/src/svc/api.py')), file('srclayout/src/svc/storage.py'));
  assert.equal(project.fileOfModule('ns.tools.net', file('namespace/main.py')), file('namespace/ns/tools/net.py'));
  assert.equal(project.fileOfModule('time', file('namespace/main.py')), undefined, 'the standard library is not a project module');
  // A folder whose name is not an identifier breaks the package chain: the module is named from its own folder.
  assert.deepEqual(project.moduleNameOf(path.join(fixturesRoot, 'rules/blocking-call/invalid.py')).moduleName, 'invalid');
});

test('project model: a qualified name resolves through __init__ re-exports, aliases and assignments to its def', () => {
  const project = createEngine().pythonProject;
  const from = file('reexport/app.py');
  const load = project.resolve('pkg.load', from);
  assert.equal(load?.fileName, file('reexport/pkg/helpers.py'));
  assert.equal(load?.node.childForFieldName('name').text, 'load');
  assert.equal(project.resolve('pkg.helpers.load', from)?.node.id, load.node.id);
  assert.equal(project.resolve('pkg.sleep', from)?.fileName, file('reexport/pkg/util.py'));
  assert.equal(project.resolve('pkg.missing', from), undefined);
  assert.equal(project.resolve('time.sleep', from), undefined);
});

test('a blocking call in a helper re-exported by __init__ is reported once, at the call, reached from both async callers (relative imports and aliases included)', () => {
  const engine = createEngine();
  const found = findings(engine, file('reexport/pkg/helpers.py'), 'blocking-call');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].line, 5);
  assert.match(found[0].message, /time\.sleep\(\) blocks the event loop: 'load' is reached from async function 'handler' \(app\.py\) and 1 more/);
  assert.deepEqual(found[0].related, ['app.py:8', 'service.py:6']);
  // `load` is also called from start-up code (main): making it async would break that call.
  assert.deepEqual(ownFixes(found[0]), []);
  // The callers and the project's own `sleep` are not reported.
  assert.deepEqual(findings(engine, file('reexport/app.py'), 'blocking-call'), []);
  assert.deepEqual(findings(engine, file('reexport/pkg/service.py'), 'blocking-call'), []);
});

test('src/ layout and namespace packages: helpers in other modules are followed', () => {
  const engine = createEngine();
  const dump = findings(engine, file('srclayout/src/svc/storage.py'), 'blocking-call');
  assert.equal(dump.length, 1);
  assert.match(dump[0].message, /subprocess\.run\(\) blocks the event loop: 'dump' is reached from async function 'route' \(api\.py\)/);
  assert.deepEqual(dump[0].related, ['api.py:5']);
  const ping = findings(engine, file('namespace/ns/tools/net.py'), 'blocking-call');
  assert.equal(ping.length, 1);
  assert.match(ping[0].message, /requests\.get\(\) .*'ping' is reached from async function 'go' \(main\.py\)/);
});

test('a coroutine of an async def in another module, dropped, is reported', () => {
  const engine = createEngine();
  const found = findings(engine, file('reexport/app.py'), 'unawaited-coroutine');
  assert.deepEqual(found.map((finding) => finding.line), [13]);
  assert.match(found[0].message, /save\(\)/);
});

test('editing the caller in the editor: the helper finding follows, and only the edited module is parsed again', () => {
  const engine = createEngine();
  const app = file('srclayout/src/svc/api.py');
  const storage = file('srclayout/src/svc/storage.py');
  assert.equal(findings(engine, storage, 'blocking-call').length, 1);
  const storageModule = engine.pythonProject.moduleOf(storage);
  engine.host.setOverlay(app, 'from svc.storage import dump\n\n\ndef route(target):\n    dump(target)\n');
  assert.deepEqual(findings(engine, storage, 'blocking-call'), [], 'no async caller any more');
  assert.equal(engine.pythonProject.moduleOf(storage), storageModule, 'the unchanged module keeps its parse');
  engine.host.setOverlay(app, 'from svc.storage import dump\n\n\nasync def route(target):\n    dump(target)\n');
  assert.equal(findings(engine, storage, 'blocking-call').length, 1);
});

test('a name assigned to itself (`x = x`) does not send resolution round forever', () => {
  const engine = createEngine();
  const dir = path.join(projects, '..', '..', '..', '..', 'fixtures');
  const source = 'import time\n\n\nclass K:\n    sleep = sleep\n    wait = wait\n\n    async def go(self):\n        time.sleep(1)\n\n\nloop = loop\nloop()\n';
  const fileName = path.join(dir, 'self-assigned.py');
  engine.host.setOverlay(fileName, source);
  const report = engine.analyzeFile(fileName);
  assert.deepEqual(report.ruleFailures ?? [], []);
  assert.equal(findingsOf(report, 'blocking-call').length, 1);
});

test('editing the helper module re-resolves the callers in other modules (no stale call edges)', () => {
  const engine = createEngine();
  const storage = file('srclayout/src/svc/storage.py');
  const [before] = findings(engine, storage, 'blocking-call');
  assert.match(before.message, /'dump' is reached from async function 'route'/);
  // The blocking function keeps its place but is renamed; the name the caller imports now is a harmless def below it.
  engine.host.setOverlay(storage, 'import subprocess\n\n\ndef dump2(target):\n    subprocess.run(["pg_dump", target], check=True)\n\n\ndef dump(target):\n    return target\n');
  assert.deepEqual(findings(engine, storage, 'blocking-call'), []);
  engine.host.removeOverlay(storage);
  assert.equal(findings(engine, storage, 'blocking-call').length, 1);
});

test("a blocking client kept on the instance (`self.session = requests.Session()`) is followed into the async methods that use it", () => {
  const engine = createEngine();
  const fileName = path.join(fixturesRoot, 'instance-client.py');
  const source = [
    'import requests', '', '',
    'class Api:',
    '    def __init__(self):',
    '        self.session = requests.Session()',
    '        self.ready = False', '',
    '    async def fetch(self, url):',
    '        return self.session.get(url).json()', '',
    '    def fetch_sync(self, url):',
    '        return self.session.get(url)', '',
  ].join('\n');
  engine.host.setOverlay(fileName, source);
  try {
    const found = findings(engine, fileName, 'blocking-call');
    assert.deepEqual(found.map((finding) => finding.line), [10], 'the async method only');
    assert.match(found[0].message, /requests\.Session\.get\(\) \(self\.session\.get\) blocks the event loop/);
  } finally {
    engine.host.removeOverlay(fileName);
  }
});
