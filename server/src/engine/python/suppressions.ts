// Suppression comments in Python files: our directives after `#`
// (`# loopguard-ignore-next-line <rule> -- <reason>`, `# loopguard-ignore-line ...`,
// `# loopguard-ignore-file ...`) and Ruff/flake8's `# noqa` (`# noqa: ASYNC251, E501`, or bare
// `# noqa`) for the codes with an equivalent rule (NOQA_EQUIVALENTS). Read from the tree's comment
// nodes only, so the same words inside a string are text, not a directive.
import type { LineMap } from '../findings';
import { Directive, NOQA_EQUIVALENTS, directiveOf } from '../suppressions';
import type { SyntaxNode } from './parser';

const OURS = /#\s*loopguard-ignore-(next-line|line|file)\b(.*)$/;
/** flake8's form: `# noqa`, `# noqa: X1, Y2`, `#noqa:X1 Y2`; any case; not `# noqa-like` words. */
const NOQA = /#\s*noqa(?![\w-])(?::\s*([a-z]+[0-9]+(?:[,\s]+[a-z]+[0-9]+)*))?/i;

/** Every rule some code maps to: what a bare `# noqa` silences. */
const ALL_NOQA_RULES = [...new Set(Object.values(NOQA_EQUIVALENTS).flat())];

export function parsePythonDirectives(root: SyntaxNode, text: string, lines: LineMap): Directive[] {
  if (!text.includes('loopguard-ignore-') && !/noqa/i.test(text)) return [];
  const ours: Directive[] = [];
  const noqa: Directive[] = [];
  // The comment nodes in one call out of WebAssembly, not a walk of every node.
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
      if (rules.length === 0) continue;
      const start = node.startIndex + match.index;
      noqa.push({ kind: 'line', rules, reason: '', start, end: start + match[0].length, targetLine: lines.positionAt(start).line, noqa: true, used: false });
    }
  }
  // Ours first: where both silence a finding, ours is the one used (a noqa comment is never reported).
  return [...ours, ...noqa];
}
