// The follow log's filters: a kind (everything, decisions, edits), a file and a requirement. A
// criterion id (`2.3`) counts for its requirement (`2`) as well.
import type { TraceEvent } from '../../../src/protocol';

export type KindFilter = 'all' | 'decisions' | 'edits';

export interface Filters {
  kind: KindFilter;
  file: string | null;
  requirement: string | null;
}

export const NO_FILTERS: Filters = { kind: 'all', file: null, requirement: null };

export function isFiltered(filters: Filters): boolean {
  return filters.kind !== 'all' || filters.file !== null || filters.requirement !== null;
}

export function matches(event: TraceEvent, filters: Filters): boolean {
  if (filters.kind === 'decisions' && event.type !== 'decision') return false;
  if (filters.kind === 'edits' && event.type !== 'edit') return false;
  if (filters.file !== null && !touchesFile(event, filters.file)) return false;
  if (filters.requirement !== null && !citesRequirement(event, filters.requirement)) return false;
  return true;
}

function touchesFile(event: TraceEvent, file: string): boolean {
  if (event.type === 'edit') return event.path === file;
  if (event.type === 'context') return event.filesInPlay.includes(file);
  if (event.type === 'run-end') return event.filesChanged.includes(file);
  return false;
}

function citesRequirement(event: TraceEvent, requirement: string): boolean {
  if (event.type !== 'edit' && event.type !== 'decision') return false;
  return event.requirements.some((r) => r === requirement || r.split('.')[0] === requirement);
}

/** The files and requirement ids a run's events mention, for the filter menus. */
export function facets(
  events: TraceEvent[],
  from: number,
  into: { files: Set<string>; requirements: Set<string> },
): void {
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event.type === 'edit') into.files.add(event.path);
    if (event.type === 'edit' || event.type === 'decision')
      event.requirements.forEach((r) => into.requirements.add(r.split('.')[0]));
  }
}
