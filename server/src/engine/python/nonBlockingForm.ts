// "Is this blocking API called in its non-blocking form?": a flag that makes it return at once
// (`os.waitpid(pid, os.WNOHANG)`, `socket.getaddrinfo(ip, 0, ..., socket.AI_NUMERICHOST)`, which
// parses a numeric address and never asks a resolver, `fcntl.flock(fd, LOCK_EX | LOCK_NB)`,
// `sock.recv(n, socket.MSG_DONTWAIT)`), or a call whose try catches `BlockingIOError` (or
// `ssl.SSLWantReadError`/`SSLWantWriteError`): the socket is non-blocking, and the call raises instead
// of waiting (`try: sock.connect(path) except BlockingIOError: await writable`); and an in-memory
// SQLite database (`sqlite3.connect(":memory:")` and the calls on it), which touches no file.
import { BODY_BOUNDARIES } from './functionBodies';
import type { ModuleNames } from './names';
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

const RETURN_AT_ONCE_FLAGS = /\b(?:WNOHANG|AI_NUMERICHOST|LOCK_NB|MSG_DONTWAIT)\b/;
const WOULD_BLOCK_ERRORS = /\b(?:BlockingIOError|SSLWantReadError|SSLWantWriteError)\b/;

export function isNonBlockingForm(call: SyntaxNode, qualifiedName: string | undefined, names: ModuleNames, scope: SyntaxNode): boolean {
  const args = call.childForFieldName('arguments');
  if (args && RETURN_AT_ONCE_FLAGS.test(args.text)) return true;
  if (qualifiedName?.startsWith('sqlite3.connect') && onInMemoryDatabase(call, qualifiedName, names, scope)) return true;
  return guardedByWouldBlock(call);
}

const IN_MEMORY = /^[rbu]*(["'])(?::memory:|file::memory:[^"']*)\1$/i;

/** `sqlite3.connect(":memory:")`, or `db.execute(...)` on a name bound once to one (`with sqlite3.connect(":memory:") as db`). */
function onInMemoryDatabase(call: SyntaxNode, qualifiedName: string, names: ModuleNames, scope: SyntaxNode): boolean {
  if (qualifiedName === 'sqlite3.connect') return IN_MEMORY.test(firstArgument(call)?.text ?? '');
  const callee = call.childForFieldName('function');
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  if (receiver?.type !== 'identifier') return false;
  const binding = names.lookupFrom(receiver.text, scope);
  return binding?.kind === 'value' && binding.value.type === 'call' && names.calleeName(binding.value, scope) === 'sqlite3.connect' && IN_MEMORY.test(firstArgument(binding.value)?.text ?? '');
}

function firstArgument(call: SyntaxNode): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments');
  return args ? namedChildren(args).find((child) => child.type !== 'keyword_argument' && child.type !== 'comment') : undefined;
}

/** The call is in the body of a try (of its own function) with an `except BlockingIOError` clause. */
function guardedByWouldBlock(call: SyntaxNode): boolean {
  let child = call;
  for (let current = call.parent; current && !BODY_BOUNDARIES.has(current.type); child = current, current = current.parent) {
    if (current.type !== 'try_statement' || current.childForFieldName('body')?.id !== child.id) continue;
    for (const clause of namedChildren(current)) {
      if (clause.type !== 'except_clause') continue;
      const caught = clause.childForFieldName('value');
      if (caught && WOULD_BLOCK_ERRORS.test(caught.text)) return true;
    }
  }
  return false;
}
