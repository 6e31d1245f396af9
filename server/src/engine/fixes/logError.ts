// The handler a fix adds when it cannot know what the code should do with an error: log it.
import { ts } from '../compiler';
import { isJavaScriptFile } from '../analysis/sourceFiles';

/** `(error: unknown) => { console.error(error); }`, without the annotation in JavaScript. */
export function logErrorHandlerText(sourceFile: ts.SourceFile): string {
  return isJavaScriptFile(sourceFile) ? '(error) => { console.error(error); }' : '(error: unknown) => { console.error(error); }';
}
