// Source text shown in messages and fix titles.
import { ts } from '../compiler';

/** The node's source text on one line, cut to 40 characters with `...`. */
export function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
