// Public surface of the command policy (docs/command-policy.md). Everything here is
// synchronous except file reads and process execution; the parser is plain TypeScript with no
// initialisation step and nothing to ship besides the bundle.
export { checkCommand, type CheckResult, type CommandVerdict, type PolicyRules, type Verdict } from './checker';
export { DEFAULT_ALLOW, DEFAULT_DENY, DEFAULT_RULES } from './defaults';
export { currentRules, parseRules, readPolicyFile, PolicyFileError, type RulesSource } from './rules';
export { checkFileWrite, type FileDecision, type FilePolicyOptions } from './file-policy';
export { runCommand, commandEnvironment, SECRET_NAME, type RunOptions, type RunResult } from './executor';
export {
  defaultPatterns,
  explainCommand,
  formatExplanation,
  originLabel,
  rulesFrom,
  sourcedList,
  sourcesOf,
  type ExplainedCommand,
  type Explanation,
  type RuleList,
  type RuleOrigin,
  type SourcedPattern,
} from './provenance';
