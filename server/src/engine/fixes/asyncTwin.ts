// Rewriting a blocking Node call into an `await` of its exact async twin: fs/promises, or
// util.promisify of the callback API, with the imports it needs in the file's own style.
import { ts } from '../compiler';
import { resolveAlias } from '../analysis/aliases';
import type { TextEdit } from '../findings';
import { ApiRef, importOrigin } from '../analysis/apis';
import { skipParenthesesDown } from '../analysis/functions';
import { isJavaScriptFile } from '../analysis/sourceFiles';
import { awaitText } from './await';
import { mergeInsertions, replaceNode } from './edits';
import { bindingFor, usesNodePrefix } from './imports';

/** How to rewrite a sync call exactly: the fs/promises twin, or util.promisify of the callback twin. */
export interface AsyncTwin {
  style: 'fs-promises' | 'promisify' | 'promisify-stdout';
  name: string;
}

const FS_PROMISE_TWINS = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp',
  'opendir', 'readFile', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink',
  'truncate', 'unlink', 'utimes', 'writeFile',
];
const PROMISIFY_TWINS: Record<string, string[]> = {
  crypto: ['pbkdf2', 'scrypt', 'randomFill', 'generateKeyPair', 'generateKey', 'generatePrime', 'checkPrime', 'hkdf'],
  zlib: ['deflate', 'deflateRaw', 'gzip', 'gunzip', 'inflate', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'],
};
const STDOUT_TWINS: Record<string, string> = { execSync: 'exec', execFileSync: 'execFile' };

export function asyncTwinOf(api: ApiRef): AsyncTwin | undefined {
  if (!api.name.endsWith('Sync')) return undefined;
  const base = api.name.slice(0, -'Sync'.length);
  if (api.module === 'fs' && FS_PROMISE_TWINS.includes(base)) return { style: 'fs-promises', name: base };
  if (PROMISIFY_TWINS[api.module]?.includes(base)) return { style: 'promisify', name: base };
  if (api.module === 'child_process' && STDOUT_TWINS[api.name]) return { style: 'promisify-stdout', name: STDOUT_TWINS[api.name] };
  return undefined;
}

/**
 * The edits that turn a sync call into an `await` of its async twin, imports included (in the
 * call's own file, which may not be the file being analysed). Undefined when no exact rewrite exists.
 */
export function asyncTwinRewrite(call: ts.CallExpression, api: ApiRef, checker: ts.TypeChecker, analysedFile: ts.SourceFile): { title: string; edits: TextEdit[] } | undefined {
  if (call.questionDotToken) return undefined;
  const twin = asyncTwinOf(api);
  if (!twin) return undefined;
  if (twin.style === 'fs-promises' && !fsArgumentsFit(call, checker)) return undefined;
  if (twin.style === 'promisify-stdout' && !stdoutIsExact(call, checker)) return undefined;
  if (twin.style !== 'fs-promises' && !promisifiedTypesFit(call, twin.name, checker, analysedFile)) return undefined;
  const sourceFile = call.getSourceFile();
  const callee = skipParenthesesDown(call.expression);
  const preferNode = usesNodePrefix(sourceFile);
  const moduleObject = wholeModuleReceiver(callee, checker);
  const edits: TextEdit[] = [];
  let asyncFunction: string;
  if (twin.style === 'fs-promises') {
    if (moduleObject) asyncFunction = `${moduleObject}.promises.${twin.name}`;
    else {
      const binding = bindingFor(checker, call, 'fs/promises', twin.name, preferNode);
      if (!binding) return undefined;
      asyncFunction = binding.reference;
      edits.push(...binding.edits);
    }
  } else {
    const promisify = bindingFor(checker, call, 'util', 'promisify', preferNode);
    if (!promisify) return undefined;
    let callbackFunction: string;
    if (moduleObject) callbackFunction = `${moduleObject}.${twin.name}`;
    else {
      const binding = bindingFor(checker, call, api.module, twin.name, preferNode);
      if (!binding) return undefined;
      callbackFunction = binding.reference;
      edits.push(...binding.edits);
    }
    edits.push(...promisify.edits);
    asyncFunction = `${promisify.reference}(${callbackFunction})`;
  }
  const argumentsText = call.arguments.map((argument) => argument.getText(sourceFile)).join(', ');
  const awaited = `await ${asyncFunction}(${argumentsText})`;
  const replacement =
    twin.style === 'promisify-stdout' && !ts.isExpressionStatement(call.parent)
      ? `(${awaited}).stdout`
      : ts.isNonNullExpression(call.parent) // awaitNeedsParentheses misses `call()!` (it skips the `!` as if it were parentheses)
        ? `(${awaited})`
        : awaitText(call, `${asyncFunction}(${argumentsText})`);
  edits.push(replaceNode(call, replacement));
  const title = `${twin.style === 'fs-promises' ? `fs/promises ${twin.name}` : `promisified ${twin.name}`}`;
  return { title: `Use ${title} with await`, edits: mergeInsertions(edits) };
}

/** fs.promises takes paths and FileHandles, not numeric file descriptors: `readFileSync(fd)` has no exact twin. */
function fsArgumentsFit(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const first = call.arguments[0];
  if (!first) return true;
  const type = checker.getTypeAtLocation(first);
  const parts = type.isUnion() ? type.types : [type];
  return !parts.some((part) => (part.flags & ts.TypeFlags.NumberLike) !== 0);
}

/**
 * execSync returns a Buffer unless an encoding is given; promisified exec resolves { stdout: string }.
 * Options exec does not know (`stdio`, `input`) would be dropped silently, so they rule a rewrite out.
 */
function stdoutIsExact(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const options = call.arguments.find((argument, index) => index > 0 && !isArrayLike(argument, checker));
  if (options) {
    const optionsType = checker.getTypeAtLocation(options);
    if (optionsType.flags & ts.TypeFlags.Any) return false;
    if (['stdio', 'input'].some((property) => checker.getPropertyOfType(optionsType, property))) return false;
  }
  if (ts.isExpressionStatement(call.parent)) return true;
  const type = checker.getTypeAtLocation(call);
  return (type.flags & ts.TypeFlags.StringLike) !== 0;
}

/**
 * `util.promisify` of a callback API without a custom `__promisify__` is typed from its last
 * overload only (`scrypt(password, salt, keylen, options, callback)`): the rewrite must pass exactly
 * those arguments and resolve to what the sync call returned, or the fix would add a type error.
 */
function promisifiedTypesFit(call: ts.CallExpression, twinName: string, checker: ts.TypeChecker, analysedFile: ts.SourceFile): boolean {
  const callee = skipParenthesesDown(call.expression);
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  symbol = resolveAlias(checker, symbol);
  const declaration = symbol?.declarations?.[0];
  let moduleDeclaration: ts.Node | undefined = declaration?.parent;
  while (moduleDeclaration && !(ts.isModuleDeclaration(moduleDeclaration) && ts.isStringLiteral(moduleDeclaration.name))) moduleDeclaration = moduleDeclaration.parent;
  // Untyped JavaScript: nothing to contradict, and promisify passes every argument at run time.
  if (!moduleDeclaration) return !declaration && isJavaScriptFile(analysedFile);
  const moduleSymbol = checker.getSymbolAtLocation((moduleDeclaration as ts.ModuleDeclaration).name);
  const twin = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === twinName);
  if (!twin) return false;
  const twinType = checker.getTypeOfSymbol(twin);
  if (twinType.getProperty('__promisify__')) return true; // typed by hand, overloads and all
  if (call.arguments.some(ts.isSpreadElement)) return false;
  const signatures = twinType.getCallSignatures();
  const last = signatures[signatures.length - 1];
  if (!last) return false;
  const parameters = last.getParameters();
  if (parameters.length !== call.arguments.length + 1) return false;
  const fits = call.arguments.every((argument, index) =>
    checker.isTypeAssignableTo(checker.getTypeAtLocation(argument), checker.getTypeOfSymbol(parameters[index])),
  );
  if (!fits) return false;
  if (ts.isExpressionStatement(call.parent)) return true;
  const callbackType = checker.getNonNullableType(checker.getTypeOfSymbol(parameters[parameters.length - 1]));
  const result = callbackType.getCallSignatures()[0]?.getParameters()[1];
  return !!result && checker.isTypeAssignableTo(checker.getTypeOfSymbol(result), checker.getTypeAtLocation(call));
}

function isArrayLike(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  if (ts.isArrayLiteralExpression(expression)) return true;
  const type = checker.getTypeAtLocation(expression);
  return checker.isArrayType(type) || checker.isTupleType(type);
}

/** `fs` in `fs.readFileSync` when `fs` is the whole module (namespace, default or `require`). */
function wholeModuleReceiver(callee: ts.Expression, checker: ts.TypeChecker): string | undefined {
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipParenthesesDown(callee.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const declaration = checker.getSymbolAtLocation(receiver)?.declarations?.[0];
  const origin = declaration && importOrigin(declaration);
  return origin && !origin.importedName ? receiver.text : undefined;
}
