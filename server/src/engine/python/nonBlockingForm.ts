// "Is this blocking API called in its non-blocking form?": a flag that makes it return at once
// (`os.waitpid(pid, os.WNOHANG)`, `socket.getaddrinfo(ip, 0, ..., socket.AI_NUMERICHOST)`, which
// parses a numeric address and never asks a resolver, `fcntl.flock(fd, LOCK_EX | LOCK_NB)`,
// `sock.recv(n, socket.MSG_DONTWAIT)`), or a call whose try catches `BlockingIOError` (or
// `ssl.SSLWantReadError`/`SSLWantWriteError`): the socket is non-blocking, and the call raises instead
// of waiting (`try: sock.connect(path) except BlockingIOError: await writable`).
import { namedChildren } from './parser';
import type { SyntaxNode } from './parser';

const RETURN_AT_ONCE_FLAGS = /\b(?:WNOHANG|AI_NUMERICHOST|LOCK_NB|MSG_DONTWAIT)\b/;
const WOULD_BLOCK_ERRORS = /\b(?:BlockingIOError|SSLWantReadError|SSLWantWriteError)\b/;
const FUNCTION_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

export function isNonBlockingForm(call: SyntaxNode): boolean {
  const args = call.childForFieldName('arguments');
  if (args && RETURN_AT_ONCE_FLAGS.test(args.text)) return true;
  return guardedByWouldBlock(call);
}

/** The call is in the body of a try (of its own function) with an `except BlockingIOError` clause. */
function guardedByWouldBlock(call: SyntaxNode): boolean {
  let child = call;
  for (let current = call.parent; current && !FUNCTION_BOUNDARIES.has(current.type); child = current, current = current.parent) {
    if (current.type !== 'try_statement' || current.childForFieldName('body')?.id !== child.id) continue;
    for (const clause of namedChildren(current)) {
      if (clause.type !== 'except_clause') continue;
      const caught = clause.childForFieldName('value');
      if (caught && WOULD_BLOCK_ERRORS.test(caught.text)) return true;
    }
  }
  return false;
}
