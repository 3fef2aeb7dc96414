// The spec engine's public surface. Consumers import from here; the files behind it may move.
export type * from './model';
export { findSpecRoots, listSpecDirs } from './discover';
export { buildSpec, loadSpec, readSpecSource, type SpecDocument, type SpecSource } from './load-spec';
export { SpecIndex } from './spec-index';
export { parseTasks, type ParsedTasks } from './parse-tasks';
export { parseRequirements, type ParsedRequirements } from './parse-requirements';
export { parseDesign } from './parse-design';
export { parseConfig, type ParsedConfig } from './parse-config';
export { ALL_REQUIREMENTS, citationLines, parseRequirementRefs } from './refs';
export { parseBlocks, type Block, type BlockType } from './blocks';
export { classifyEars } from './ears';
export { countTasks } from './counts';
export { addressOf, findTask, flattenTasks } from './ids';
export { isRunnable, nextTask, nextLeafTask, type NextTask, type NextTaskOptions } from './next-task';
export { taskLenses, type LensAction, type TaskLens } from './lenses';
export { lintSpec } from './lint';
export {
  addTask,
  applyEdits,
  deleteTask,
  moveTask,
  renameTask,
  setTaskStatus,
  TaskEditError,
  type AddOptions,
  type AddPlace,
  type EditOptions,
  type EditResult,
  type MovePlace,
  type TextEdit,
} from './edits';
export { editFileAtomically, writeFileAtomically } from './atomic-write';
export { contentHash } from './text';
