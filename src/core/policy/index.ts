// Public surface of the command policy (SEMANTICS.md in ../shared/command-policy).
export { checkCommand, type CheckResult, type CommandVerdict, type PolicyRules, type Verdict } from './checker';
