// Public surface of the steering engine. Diagnostic codes are stable; consumers key on them:
//
//   steering-frontmatter-invalid      error    front matter is not valid YAML (doc loads as always)
//   steering-frontmatter-not-map      error    front matter is a list or a scalar (doc loads as always)
//   steering-frontmatter-unclosed     error    opening '---' without a closing one (whole text is body)
//   steering-unreadable               error    the file could not be read (doc is skipped)
//   steering-inclusion-unknown        warning  inclusion is none of the four modes (treated as always)
//   steering-inclusion-case           warning  `FileMatch`, `Always`… (read as the mode it spells)
//   steering-key-unknown              warning  a key that looks like a typo of a known one (`include`)
//                                     info     any other unknown key
//   steering-key-invalid              warning  name / description is not text
//   steering-pattern-comma-separated  warning  "a/**, b/**" as one string (split on the commas
//                                              outside braces: `{a/**,b/**}` is one glob)
//   steering-pattern-absolute         warning  a glob starting with '/' (read workspace-relative)
//   steering-pattern-invalid          warning  fileMatchPattern neither a string nor a list of strings
//   steering-filematch-no-pattern     warning  fileMatch without fileMatchPattern (never matches)
//   steering-pattern-ignored          info     fileMatchPattern on a doc that is not fileMatch
//   steering-subfolder-ignored        info     .md files in a sub-folder of .kiro/steering (not read)
//   steering-auto-incomplete          warning  auto without name or description
//   steering-reference-missing        warning  #[[file:path]] names a file that does not exist
//   steering-agents-search-truncated  info     the bounded AGENTS.md search hit its limits
export type { FileReference, Inclusion, SteeringDoc, SteeringScope, SteeringSelection } from './model';
export { loadSteering, type LoadSteeringOptions, type SteeringSet } from './load';
export { parseSteeringFile, type ParseContext } from './parse';
export {
  findAgentsFiles,
  parseAgentsFile,
  DEFAULT_AGENTS_LIMITS,
  type AgentsSearch,
  type AgentsSearchLimits,
} from './agents';
export { findFileReferences } from './references';
export { selectSteering, type SelectionInput } from './select';
