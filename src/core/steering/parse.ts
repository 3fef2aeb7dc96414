// One `.kiro/steering/*.md` file → SteeringDoc. Pure: the caller supplies the text and how to
// test whether a referenced file exists.
//
// Whatever cannot be read falls back to Kiro's own default, `always`, and says so in a
// diagnostic: with no front matter Kiro includes a file always, so a file whose front matter is
// broken (or whose inclusion value is unknown) is treated the same way rather than silently
// dropped. Guidance the author wrote reaches the agent; the Problems panel shows what to fix.
import { basename } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { splitFrontMatter, type FrontMatterEntry } from './frontMatter';
import type { Inclusion, SteeringDoc, SteeringScope } from './model';
import { findFileReferences, missingReferenceDiagnostics } from './references';
import { closestKey } from './spelling';

export interface ParseContext {
  /** Absolute path of the file. */
  file: string;
  scope: Exclude<SteeringScope, 'agents'>;
  workspaceRoot: string;
  exists: (absolutePath: string) => boolean;
}

const INCLUSIONS: readonly Inclusion[] = ['always', 'fileMatch', 'manual', 'auto'];
const KNOWN_KEYS = ['inclusion', 'fileMatchPattern', 'name', 'description'];

export function parseSteeringFile(text: string, ctx: ParseContext): SteeringDoc {
  const split = splitFrontMatter(text, ctx.file);
  const diagnostics: Diagnostic[] = [...split.diagnostics];
  const warn = (
    at: { line: number; column: number },
    code: string,
    message: string,
    severity: Diagnostic['severity'] = 'warning',
  ) => diagnostics.push({ file: ctx.file, line: at.line, column: at.column, severity, code, message });
  const { entries } = split;

  for (const [key, entry] of entries) {
    if (KNOWN_KEYS.includes(key)) continue;
    const guess = closestKey(key, KNOWN_KEYS);
    if (guess)
      warn(entry, 'steering-key-unknown', `Unknown front matter key '${key}'; did you mean '${guess}'? It is ignored.`);
    else
      warn(entry, 'steering-key-unknown', `Front matter key '${key}' is not used by steering; it is ignored.`, 'info');
  }

  const inclusion = readInclusion(entries.get('inclusion'), warn);
  const patterns = readPatterns(entries.get('fileMatchPattern'), warn);
  const name = readString(entries.get('name'), 'name', warn) ?? basename(ctx.file).replace(/\.md$/i, '');
  const description = readString(entries.get('description'), 'description', warn);
  const patternEntry = entries.get('fileMatchPattern');

  if (inclusion === 'fileMatch' && patterns.length === 0) {
    warn(
      entries.get('inclusion') ?? { line: 1, column: 1 },
      'steering-filematch-no-pattern',
      'inclusion: fileMatch needs a fileMatchPattern (a glob or a list of globs); this file is never included by file.',
    );
  }
  if (inclusion !== 'fileMatch' && patternEntry) {
    warn(
      patternEntry,
      'steering-pattern-ignored',
      `fileMatchPattern only applies with inclusion: fileMatch; this file is '${inclusion}'.`,
      'info',
    );
  }
  if (inclusion === 'auto' && (!entries.has('name') || description === null)) {
    warn(
      entries.get('inclusion') ?? { line: 1, column: 1 },
      'steering-auto-incomplete',
      'inclusion: auto needs a name and a description the agent reads to decide when the file applies; add the missing one.',
    );
  }

  const references = findFileReferences(split.body, split.bodyLine, ctx.workspaceRoot, ctx.exists);
  diagnostics.push(...missingReferenceDiagnostics(ctx.file, references));

  return {
    file: ctx.file,
    scope: ctx.scope,
    inclusion,
    patterns: inclusion === 'fileMatch' ? patterns : [],
    name,
    description,
    folder: null,
    body: split.body,
    references,
    diagnostics,
  };
}

type Warn = (at: { line: number; column: number }, code: string, message: string) => void;

function readInclusion(entry: FrontMatterEntry | undefined, warn: Warn): Inclusion {
  if (!entry) return 'always';
  const raw = typeof entry.value === 'string' ? entry.value.trim() : String(entry.value);
  const exact = INCLUSIONS.find((i) => i === raw);
  if (exact) return exact;
  const loose = INCLUSIONS.find((i) => i.toLowerCase() === raw.toLowerCase());
  if (loose) {
    warn(entry, 'steering-inclusion-case', `Write 'inclusion: ${loose}' (not '${raw}'); read as '${loose}'.`);
    return loose;
  }
  warn(
    entry,
    'steering-inclusion-unknown',
    `Unknown inclusion '${raw}' (expected always, fileMatch, manual or auto); treated as always.`,
  );
  return 'always';
}

function readPatterns(entry: FrontMatterEntry | undefined, warn: Warn): string[] {
  const patterns = rawPatterns(entry, warn);
  if (entry && patterns.some((p) => p.startsWith('/'))) {
    warn(
      entry,
      'steering-pattern-absolute',
      "fileMatchPattern globs are relative to the workspace root; the leading '/' is ignored.",
    );
  }
  return patterns.map((p) => p.replace(/^\/+/, ''));
}

function rawPatterns(entry: FrontMatterEntry | undefined, warn: Warn): string[] {
  if (!entry || entry.value === null) return [];
  if (typeof entry.value === 'string') {
    const parts = splitOutsideBraces(entry.value);
    if (parts.length === 1) return clean(parts);
    warn(
      entry,
      'steering-pattern-comma-separated',
      'fileMatchPattern is a comma-separated string; it is split on commas, but write a YAML list (["a/**", "b/**"]) so that every tool reads it the same.',
    );
    return clean(parts);
  }
  if (Array.isArray(entry.value)) {
    const strings = entry.value.filter((p): p is string => typeof p === 'string');
    if (strings.length !== entry.value.length)
      warn(entry, 'steering-pattern-invalid', 'fileMatchPattern list items must be strings; the others are ignored.');
    return clean(strings);
  }
  warn(entry, 'steering-pattern-invalid', 'fileMatchPattern must be a glob or a list of globs.');
  return [];
}

// Splits on the commas outside braces, so that `{a/x,b/y}` and `*.{html,js}` stay one glob each.
function splitOutsideBraces(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** Kiro globs are workspace-relative; a leading `./` would never match a relative path, so it goes silently. */
function clean(patterns: string[]): string[] {
  return patterns.map((p) => p.trim().replace(/^\.\//, '')).filter((p) => p !== '');
}

function readString(entry: FrontMatterEntry | undefined, key: string, warn: Warn): string | null {
  if (!entry || entry.value === null) return null;
  if (typeof entry.value === 'string' || typeof entry.value === 'number' || typeof entry.value === 'boolean') {
    const text = String(entry.value).trim();
    return text === '' ? null : text;
  }
  warn(entry, 'steering-key-invalid', `'${key}' must be text; it is ignored.`);
  return null;
}
