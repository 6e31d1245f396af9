// The wire contract of Loop Guard's own requests, shared by the server and the VS Code client.
// Dependency-free (type imports only) so that the client bundle pulls in no server code.
import type { ProgressToken } from 'vscode-languageserver-protocol';

/** "Loop Guard: Scan Workspace" (the client's loopguard.scanWorkspace command). */
export const SCAN_REQUEST = 'loopguard/scanWorkspace';

export interface ScanParams {
  /** Folders to scan (file URIs); default: the workspace folders given at initialize. */
  folders?: string[];
  /** A progress token created by the client (LSP client-initiated work done progress). */
  workDoneToken?: ProgressToken;
}

export interface ScanResult {
  /** Files listed for the scan. */
  files: number;
  /** Files analysed before the scan ended. */
  analysed: number;
  problems: number;
  filesWithProblems: number;
  cancelled: boolean;
  ms: number;
}

/**
 * Server -> client: rules failed on files (their findings are missing). `message` is what the
 * language status item shows as a warning ("a rule failed on <file>: see Output"); undefined
 * when no open or scanned file has a failing rule any more.
 */
export const RULE_FAILURES_NOTIFICATION = 'loopguard/ruleFailures';

export interface RuleFailuresParams {
  message?: string;
  /** The files with a failing rule, and which rules failed there. */
  files: { fileName: string; ruleIds: string[] }[];
}

/**
 * Client -> server: the loopguard.json in force for a document, for the language status item
 * ("loopguard.json", click opens it). Server -> client CONFIG_CHANGED_NOTIFICATION: a config file
 * changed, so the item should ask again.
 */
export const CONFIG_FOR_REQUEST = 'loopguard/configFor';
export const CONFIG_CHANGED_NOTIFICATION = 'loopguard/configChanged';

export interface ConfigForParams {
  uri: string;
}

export interface ConfigForResult {
  /** The nearest loopguard.json (file URI); absent when none applies (defaults). */
  config?: string;
  /** The files it extends (file URIs), applied first. */
  extends: string[];
  /** Problems in those files (shown as diagnostics on them). */
  problems: number;
  /** The file matches the config's `ignores`. */
  ignored: boolean;
}

/**
 * Server -> client: a project's program is being built (`loading: true`, sent before the first
 * analysis of one of its files) or is complete (`loading: false`). The language status item shows
 * "Loop Guard: loading <project>" in between. The first open file is answered from a program of
 * what it imports; diagnostics are refreshed when the whole project is loaded.
 */
export const PROJECT_LOADING_NOTIFICATION = 'loopguard/projectLoading';

export interface ProjectLoadingParams {
  /** The project's name: the folder of its tsconfig.json/jsconfig.json, relative to the workspace. */
  project: string;
  /** The config file (path), absent for files without one. */
  config?: string;
  loading: boolean;
}
