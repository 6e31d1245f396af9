// Finding and adding module bindings for fixes: reuse what the file already imports, in the
// file's own style (ESM import or CommonJS require, `node:` prefix or not).
import { builtinModules } from 'node:module';
import { ts } from '../compiler';
import type { TextEdit } from '../findings';
import { importOrigin, normalizeModuleName } from '../analysis/apis';
import { newlineOf } from './edits';

export interface Binding {
  /** How code refers to the export: `readFile` or `fsp.readFile`. */
  reference: string;
  /** Edits that create the binding (empty when the file already has one). */
  edits: TextEdit[];
}

/**
 * A reference to `exportName` of `module` usable at `location`: an existing named or namespace
 * import of the module, or a new named import. Undefined when no free local name exists.
 */
export function bindingFor(
  checker: ts.TypeChecker,
  location: ts.Node,
  module: string,
  exportName: string,
  preferNodePrefix: boolean,
): Binding | undefined {
  const sourceFile = location.getSourceFile();
  const existing = existingBinding(sourceFile, module, exportName, (local, declaration) => isVisibleAs(checker, location, local, declaration));
  if (existing) return { reference: existing, edits: [] };
  const localName = [exportName, `${exportName}Async`].find(
    (name) => isNameFree(checker, location, name) && isNameFree(checker, sourceFile, name),
  );
  if (!localName) return undefined;
  const specifier = preferNodePrefix ? `node:${module}` : module;
  const imported = localName === exportName ? exportName : `${exportName} as ${localName}`;
  const required = localName === exportName ? exportName : `${exportName}: ${localName}`;
  const statement =
    moduleStyleOf(sourceFile) === 'esm'
      ? `import { ${imported} } from '${specifier}';`
      : `const { ${required} } = require('${specifier}');`;
  const place = importInsertionOffset(sourceFile);
  return {
    reference: localName,
    edits: [{ fileName: sourceFile.fileName, start: place.offset, end: place.offset, newText: `${place.before}${statement}${place.after}` }],
  };
}

/** An import/require of `module` already in the file that gives access to `exportName`. */
function existingBinding(
  sourceFile: ts.SourceFile,
  module: string,
  exportName: string,
  visible: (local: ts.Identifier, declaration: ts.Node) => boolean,
): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (normalizeModuleName(statement.moduleSpecifier.text) !== module || statement.importClause?.isTypeOnly) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && visible(bindings.name, bindings)) return `${bindings.name.text}.${exportName}`;
      if (bindings && ts.isNamedImports(bindings)) {
        const specifier = bindings.elements.find((element) => (element.propertyName ?? element.name).text === exportName && !element.isTypeOnly);
        if (specifier && visible(specifier.name, specifier)) return specifier.name.text;
      }
      // A Node built-in's default export is the whole module: `import zlib from 'zlib'` gives zlib.gunzip.
      const defaultName = statement.importClause?.name;
      if (defaultName && isBuiltinModule(module) && visible(defaultName, statement.importClause)) return `${defaultName.text}.${exportName}`;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const origin = importOrigin(declaration);
        if (origin && !origin.importedName && normalizeModuleName(origin.module) === module && ts.isIdentifier(declaration.name) && visible(declaration.name, declaration)) {
          return `${declaration.name.text}.${exportName}`;
        }
        if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const elementOrigin = importOrigin(element);
            if (elementOrigin?.importedName === exportName && normalizeModuleName(elementOrigin.module) === module && ts.isIdentifier(element.name) && visible(element.name, element)) {
              return element.name.text;
            }
          }
        }
      }
    }
  }
  return undefined;
}

/** The file-level binding `local` (declared by `declaration`) is what that name means at `location` (not shadowed). */
function isVisibleAs(checker: ts.TypeChecker, location: ts.Node, local: ts.Identifier, declaration: ts.Node): boolean {
  const symbols = checker.getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias);
  const symbol = symbols.find((candidate) => candidate.name === local.text);
  return !!symbol?.declarations?.some((candidate) => candidate === declaration);
}

function isBuiltinModule(module: string): boolean {
  return builtinModules.includes(module);
}

/** Whether the file writes Node built-ins as `node:fs` (then new imports follow suit). */
export function usesNodePrefix(sourceFile: ts.SourceFile): boolean {
  return /(?:from\s+|require\s*\(\s*)['"]node:/.test(sourceFile.text);
}

export type ModuleStyle = 'esm' | 'commonjs';

/** ESM when the file has import/export syntax, or is TypeScript without `require`. */
export function moduleStyleOf(sourceFile: ts.SourceFile): ModuleStyle {
  const hasEsm = sourceFile.statements.some(
    (statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement),
  );
  if (hasEsm) return 'esm';
  const isTs = /\.[cm]?tsx?$/.test(sourceFile.fileName);
  const usesRequire = /\brequire\s*\(/.test(sourceFile.text);
  return isTs && !usesRequire ? 'esm' : 'commonjs';
}

/** Where a new import goes: after the last import/require at the top, else at the start (after a shebang and leading comments). */
export function importInsertionOffset(sourceFile: ts.SourceFile): { offset: number; before: string; after: string } {
  const nl = newlineOf(sourceFile);
  let lastImport: ts.Statement | undefined;
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || isTopLevelRequire(statement)) lastImport = statement;
    else if (!isDirectivePrologue(statement)) break;
  }
  if (lastImport) return { offset: lastImport.getEnd(), before: nl, after: '' };
  const first = sourceFile.statements.find((statement) => !isDirectivePrologue(statement));
  if (!first) return { offset: sourceFile.getEnd(), before: sourceFile.text.length > 0 ? nl : '', after: nl };
  return { offset: first.getStart(sourceFile), before: '', after: nl };
}

function isDirectivePrologue(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

function isTopLevelRequire(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((declaration) => {
    const init = declaration.initializer;
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
  });
}

/** Is `name` free to introduce at file scope and use at `location` (nothing of that name is visible there)? */
export function isNameFree(checker: ts.TypeChecker, location: ts.Node, name: string): boolean {
  const symbols = checker.getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias);
  return !symbols.some((symbol) => symbol.name === name);
}
