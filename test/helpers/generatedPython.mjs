// A generated asyncio project (bench/generate-python.mjs) in a temporary folder removed after the
// test: what the Python edit and work-count tests run on.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PY_EDIT_FILE, generatePythonProject } from '../../bench/generate-python.mjs';
import { listPy } from '../../bench/python-files.mjs';

/** `modules` generated modules: the folder, its .py files (sorted) and the 2,000-line module the bench edits. */
export function generatedPythonProject(t, modules, prefix = 'loopguard-py-') {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  generatePythonProject(root, { modules });
  return { root, files: listPy(root).sort(), big: path.join(root, PY_EDIT_FILE) };
}
