// Entry point that @vscode/test-electron loads inside the extension host.
const path = require('node:path');
const { createRequire } = require('node:module');

function load(name) {
  const root = process.env.LOOPGUARD_E2E_ROOT;
  for (const base of [root, path.join(root, '.cache', 'e2e')]) {
    try {
      return createRequire(path.join(base, 'package.json'))(name);
    } catch {}
  }
  throw new Error(`${name} is not installed`);
}

exports.run = function run() {
  const Mocha = load('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'editor.test.cjs'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
};
