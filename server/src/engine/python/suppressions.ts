// Suppression comments in Python files: our directives after `#`
// (`# loopguard-ignore-next-line <rule> -- <reason>`, `# loopguard-ignore-line ...`,
// `# loopguard-ignore-file ...`) and Ruff/flake8's `# noqa` (`# noqa: ASYNC251, E501`, or bare
// `# noqa`) for the codes with an equivalent rule (NOQA_EQUIVALENTS), and the type checkers'
// `# type: ignore[unused-coroutine]` / `# pyright: ignore[reportUnusedCoroutine]`
// (TYPE_IGNORE_EQUIVALENTS). Read from the tree's comment nodes only, so the same words inside a
// string are text, not a directive.
import type { LineMap } from '../findings';
import { Directive, NOQA_EQUIVALENTS, TYPE_IGNORE_EQUIVALENTS, directiveOf } from '../suppressions';
import type { SyntaxNode } from './parser';

const OURS = /#\s*loopguard-ignore-(next-line|line|file)\b(.*)$/;
/** flake8's form: `# noqa`, `# noqa: X1, Y2`, `#noqa:X1 Y2`; any case; not `# noqa-like` words. */
const NOQA = /#\s*noqa(?![\w-])(?::\s*([a-z]+[0-9]+(?:[,\s]+[a-z]+[0-9]+)*))?/i;

/** mypy's `# type: ignore[code, ...]` and pyright's `# pyright: ignore[rule, ...]`. */
const TYPE_IGNORE = /#\s*(?:type|pyright):\s*ignore\[([^\]]*)\]/;

/** Every rule some code maps to: what a bare `# noqa` silences. */
const ALL_NOQA_RULES = [...new Set(Object.values(NOQA_EQUIVALENTS).flat())];

export function parsePythonDirectives(root: SyntaxNode, text: string, lines: LineMap): Directive[] {
  if (!text.includes('loopguard-ignore-') && !/noqa|ignore\[/i.test(text)) return [];
  const ours: Directive[] = [];
  const noqa: Directive[] = [];
  // The comment nodes from one search, not a walk of every node by hand.
  for (const node of root.descendantsOfType('comment')) {
    if (!node) continue;
    const comment = node.text;
    const own = OURS.exec(comment);
    if (own) {
      const start = node.startIndex + own.index;
      // The rule list ends at a later `#` (`# loopguard-ignore-line x  # noqa`); the reason may hold one.
      const [list, ...reason] = own[2].split('--');
      const body = [list.split('#')[0], ...reason].join('--');
      ours.push(directiveOf(own[1] as 'next-line' | 'line' | 'file', body, start, node.endIndex, lines));
    }
    const match = NOQA.exec(comment);
    if (match && !(own && match.index > own.index)) {
      const codes = match[1]?.split(/[,\s]+/).filter(Boolean).map((code) => code.toUpperCase());
      const rules = codes ? [...new Set(codes.flatMap((code) => NOQA_EQUIVALENTS[code] ?? []))] : ALL_NOQA_RULES;
      if (rules.length > 0) noqa.push(othersDirective(node, match, rules, lines));
    }
    const ignore = TYPE_IGNORE.exec(comment);
    if (ignore && !(own && ignore.index > own.index)) {
      const rules = [...new Set(ignore[1].split(/[,\s]+/).flatMap((code) => TYPE_IGNORE_EQUIVALENTS[code] ?? []))];
      if (rules.length > 0) noqa.push(othersDirective(node, ignore, rules, lines));
    }
  }
  // Ours first: where both silence a finding, ours is the one used (a noqa comment is never reported).
  return [...ours, ...noqa];
}

/** Another tool's comment that silences our `rules` on its line: honoured, never reported as unused (it belongs to that tool). */
function othersDirective(node: SyntaxNode, match: RegExpExecArray, rules: string[], lines: LineMap): Directive {
  const start = node.startIndex + match.index;
  return { kind: 'line', rules, reason: '', start, end: start + match[0].length, targetLine: lines.positionAt(start).line, noqa: true, used: false };
}
