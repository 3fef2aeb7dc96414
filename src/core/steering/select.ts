// The one place that decides which steering goes into a context, and why. Every doc comes back,
// included or not, so that the UI and `tiller steering` can show the reason for each.
//
// `auto` docs are for the agent to pick by their description; core cannot judge relevance, so
// the caller passes the names that were picked (by the model, a person, or a hook) in `auto`.
// A `#name` reference includes any non-always doc, auto and fileMatch ones too.
import picomatch from 'picomatch';
import { basename } from 'node:path';
import type { SteeringDoc, SteeringSelection } from './model';

export interface SelectionInput {
  /** Workspace-relative paths of the files in play (`/` or `\` separators). */
  files: readonly string[];
  /** Names referenced by hand, with or without the leading `#`. */
  manual?: readonly string[];
  /** Names of auto docs picked for this context. */
  auto?: readonly string[];
}

export function selectSteering(docs: readonly SteeringDoc[], input: SelectionInput): SteeringSelection[] {
  const files = input.files.map(normalise);
  const manual = new Set((input.manual ?? []).map((n) => n.replace(/^#/, '')));
  const auto = new Set(input.auto ?? []);
  return docs.map((doc) => {
    const [included, reason] = decide(doc, files, manual, auto);
    return { doc, included, reason };
  });
}

function decide(doc: SteeringDoc, files: string[], manual: Set<string>, auto: Set<string>): [boolean, string] {
  if (doc.scope === 'agents') return agentsScope(doc.folder ?? '', files);
  if (doc.inclusion === 'always') return [true, 'always'];
  const reference = [doc.name, basename(doc.file).replace(/\.md$/i, '')].find((n) => manual.has(n));
  if (reference) return [true, `manual: referenced as #${reference}`];
  switch (doc.inclusion) {
    case 'manual':
      return [false, `manual: not referenced (#${doc.name})`];
    case 'auto':
      return auto.has(doc.name) ? [true, `auto: ${doc.description ?? 'selected'}`] : [false, 'auto: not selected'];
    case 'fileMatch':
      return fileMatch(doc.patterns, files);
  }
}

function agentsScope(folder: string, files: string[]): [boolean, string] {
  if (folder === '') return [true, 'AGENTS.md: workspace root'];
  const inside = files.find((f) => f.startsWith(`${folder}/`));
  return inside
    ? [true, `AGENTS.md: scope ${folder}/ contains ${inside}`]
    : [false, `AGENTS.md: no file in play inside ${folder}/`];
}

function fileMatch(patterns: readonly string[], files: string[]): [boolean, string] {
  if (patterns.length === 0) return [false, 'fileMatch: no fileMatchPattern'];
  const matchers = patterns.map((p) => [p, picomatch(p, { dot: true })] as const);
  for (const file of files) {
    const hit = matchers.find(([, isMatch]) => isMatch(file));
    if (hit) return [true, `fileMatch: ${file} matches ${hit[0]}`];
  }
  const list = patterns.join(', ');
  return [
    false,
    files.length === 0 ? `fileMatch: no files in play for ${list}` : `fileMatch: no file in play matches ${list}`,
  ];
}

function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
