// package.json's settings schema must match the server's own settings definition (one source of
// truth), and the manifest must declare what the extension really does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineModule, repoRoot } from './helpers/engine.mjs';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

test('contributes.configuration matches SETTINGS_SCHEMA', () => {
  const properties = manifest.contributes.configuration.properties;
  const strip = ({ scope, ...rest }) => rest;
  assert.deepEqual(Object.keys(properties).sort(), Object.keys(engineModule.SETTINGS_SCHEMA).sort());
  for (const [key, schema] of Object.entries(engineModule.SETTINGS_SCHEMA)) {
    assert.deepEqual(strip(properties[key]), JSON.parse(JSON.stringify(schema)), `${key} drifted from server/src/engine/settings.ts`);
  }
});

test('the manifest declares untrusted-workspace support truthfully and ships the CLI', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.bin.loopguard, './dist/cli.js');
  assert.equal(manifest.main, './dist/client.js');
  assert.ok(manifest.contributes.grammars.some((grammar) => grammar.path.endsWith('loopguard-directives.injection.tmLanguage.json')));
});

test('normalizeSettings keeps good values and reports bad ones without throwing', () => {
  const { normalizeSettings, RULE_IDS } = engineModule;
  const good = normalizeSettings({ enable: false, rules: { 'blocking-call': 'error' }, run: 'onSave', exclude: ['**/gen/**'] }, RULE_IDS);
  assert.deepEqual(good.problems, []);
  assert.equal(good.settings.rules['blocking-call'], 'error');
  assert.equal(good.settings.run, 'onSave');
  const bad = normalizeSettings({ enable: 'yes', rules: { 'no-such-rule': 'warning', 'blocking-call': 'loud' }, run: 'sometimes', exclude: 'x' }, RULE_IDS);
  assert.equal(bad.settings.enable, true);
  assert.deepEqual(bad.settings.rules, {});
  assert.equal(bad.settings.run, 'onType');
  assert.deepEqual(bad.settings.exclude, []);
  assert.equal(bad.problems.length, 5, bad.problems.join('\n'));
  assert.deepEqual(normalizeSettings('nonsense', RULE_IDS).problems.length, 1);
});

test('every command the client registers is contributed (so the Command Palette lists it), and none is contributed without a handler', () => {
  const source = readFileSync(path.join(repoRoot, 'client/src/extension.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((match) => match[1]);
  const internal = new Set(['loopguard.learn']); // run from code actions with an argument, not from the palette
  const contributed = manifest.contributes.commands.map((command) => command.command);
  assert.deepEqual(registered.filter((id) => !internal.has(id)).sort(), [...contributed].sort());
  assert.ok(contributed.includes('loopguard.scanWorkspace'));
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Loop Guard', command.command);
});
