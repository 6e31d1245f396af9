// Placeholder until the rule lands: registered so the registry compiles; reports nothing.
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'unhandled-rejection',
  concept: 'await',
  defaultSeverity: 'warning',
  description: 'Not implemented yet.',
  messages: {},
  create: () => ({}),
});
