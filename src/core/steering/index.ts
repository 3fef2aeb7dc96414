// Public surface of the steering engine.
export type { FileReference, Inclusion, SteeringDoc, SteeringScope, SteeringSelection } from './model';
export { loadSteering, type LoadSteeringOptions, type SteeringSet } from './load';
export { parseSteeringFile, type ParseContext } from './parse';
export { findAgentsFiles, parseAgentsFile, DEFAULT_AGENTS_LIMITS, type AgentsSearch, type AgentsSearchLimits } from './agents';
export { findFileReferences } from './references';
export { selectSteering, type SelectionInput } from './select';
