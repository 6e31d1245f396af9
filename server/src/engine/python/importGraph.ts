// Which project files a Python module imports: the edges of the import graph that `--changed` walks
// to find the files a change can affect (a helper module an async function now calls, say). Every
// `import` and `from ... import` counts, at module level or inside a function (a lazy import runs
// too). `import a.b.c` loads `a`, `a.b` and `a.b.c`; `from pkg import x` loads `pkg`, and `pkg.x`
// when `x` is a submodule. Modules outside the project (standard library, third party) have no file.
import { importedModule } from './names';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';
import type { PythonProject } from './project';

/** The project files `fileName` imports (absolute paths, each once); empty when it cannot be read. */
export function importedFiles(project: PythonProject, fileName: string): string[] {
  const module = project.moduleOf(fileName);
  if (!module) return [];
  const files = new Set<string>();
  const add = (moduleName: string | undefined) => {
    const file = moduleName ? project.fileOfModule(moduleName, fileName) : undefined;
    if (file && file !== fileName) files.add(file);
  };
  for (const statement of module.tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!statement) continue;
    if (statement.type === 'import_statement') {
      for (const dotted of importedNames(statement)) for (const prefix of prefixes(dotted)) add(prefix);
      continue;
    }
    const source = statement.childForFieldName('module_name');
    const base = source ? importedModule(source, module.names) : undefined;
    if (!base) continue;
    for (const prefix of prefixes(base)) add(prefix);
    for (const name of importedNames(statement)) add(`${base}.${name}`);
  }
  return [...files];
}

/** The dotted names an import statement names (`a.b` of `import a.b as c`; `x` of `from m import x as y`), the source module excluded. */
function importedNames(statement: SyntaxNode): string[] {
  const source = statement.childForFieldName('module_name');
  return namedChildren(statement)
    .filter((child) => child.id !== source?.id)
    .map((child) => (child.type === 'aliased_import' ? child.childForFieldName('name') : child))
    .filter((name): name is SyntaxNode => name?.type === 'dotted_name')
    .map((name) => name.text);
}

/** `a`, `a.b`, `a.b.c` for `a.b.c`: importing a submodule runs its packages' `__init__` too. */
function prefixes(dotted: string): string[] {
  const parts = dotted.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}
