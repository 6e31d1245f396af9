// Building blocks for fixes, shared by the rules, one topic a file. Every builder returns plain
// TextEdits; they never guess: when an edit could change meaning or break syntax, the builder
// returns undefined.
export * from './edits';
export * from './await';
export * from './imports';
export * from './tryCatch';
export * from './makeAsync';
export * from './asyncTwin';
export * from './logError';
