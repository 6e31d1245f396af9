// Which kind of operator a token is: assignment, compound assignment, logical (short-circuit).
import { ts } from '../compiler';

/** `=`, `+=`, `??=` and the other assignments. */
export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** `+=`, `??=` and the other assignments that read the target first (not `=`). */
export function isCompoundAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment;
}

/** `&&`, `||`, `??`: the result is one of the operands. */
export function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}
