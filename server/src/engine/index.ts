// The engine's public surface, used by server.ts, cli.ts and the tests (bundled as dist/engine.js).
export { Engine, MAX_FILE_BYTES, REASON_PLACEHOLDER } from './engine';
export type { EngineOptions, FileReport } from './engine';
export * from './findings';
export * from './settings';
export { ESLINT_EQUIVALENTS, UNUSED_SUPPRESSION_RULE, parseDirectives } from './suppressions';
export { SUPPRESSIONS_FILE, findingKey, normaliseText, parseSuppressions, serializeSuppressions } from './baseline';
export type { RuleDefinition } from './rule';
export { RULES, RULE_IDS } from '../rules';
export { BACKGROUND_CONCEPTS, CONCEPTS, conceptTitle, conceptUrl, conceptDocRelativePath } from './concepts';
export { catalogueSize } from './analysis/catalogue';
export { mayBeNullishByDeclaration } from './analysis/declaredNullability';
export { Analysis, ApiResolver, EventLoopAnalysis } from './analysis';
export { ts } from './compiler';
export { CONFIG_SCHEMA_FILE, configSchema } from './config/schema';
export { CONFIG_FILE_NAME, parseConfigFile } from './config/configFile';
export { ConfigResolver } from './config/resolver';
