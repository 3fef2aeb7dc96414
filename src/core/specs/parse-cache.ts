// Parse results keyed by document kind and content hash, so an unchanged file is never parsed
// twice and an edit to one file re-parses only that file. Results are shared: treat them as
// immutable. Diagnostics are cached without a path and stamped with the caller's file on the way
// out, so the same content at two paths (or an unsaved editor buffer) shares one parse.
//
// The cache is bounded by the size of the texts behind its entries, not their number: a parse
// result holds what its text says, several times over in objects, so a few huge documents (a
// generated tasks.md, every revision of a design typed into an editor) weigh what they cost,
// and many small ones do not push each other out early. Least recently used goes first.
import type { Diagnostic } from '../diagnostics';
import { contentHash } from './text';

/** UTF-16 bytes of source text (2 per code unit) the cached results stand for, at most. */
export const PARSE_CACHE_BYTES = 16 * 1024 * 1024;
/** Counted per entry besides its text: the key, the map slot and the result's own objects. */
const ENTRY_BYTES = 512;

const cache = new Map<string, { value: unknown; bytes: number }>();
let total = 0;

export function cached<T extends { diagnostics: Diagnostic[] }>(
  kind: string,
  text: string,
  file: string,
  parse: (text: string) => T,
  hash = contentHash(text),
): T {
  const key = `${kind}:${hash}`;
  const hit = cache.get(key);
  let value: T;
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    value = hit.value as T;
  } else {
    value = parse(text);
    remember(key, value, text.length * 2 + ENTRY_BYTES);
  }
  return value.diagnostics.length === 0
    ? value
    : { ...value, diagnostics: value.diagnostics.map((d) => ({ ...d, file })) };
}

function remember(key: string, value: unknown, bytes: number): void {
  // A text bigger than the whole cache is parsed each time rather than emptying it.
  if (bytes > PARSE_CACHE_BYTES) return;
  for (const [oldest, entry] of cache) {
    if (total + bytes <= PARSE_CACHE_BYTES) break;
    cache.delete(oldest);
    total -= entry.bytes;
  }
  cache.set(key, { value, bytes });
  total += bytes;
}

/** The cached parse of this content as this kind (diagnostics without a path), if there is one. */
export function peek<T>(kind: string, hash: string): T | undefined {
  return cache.get(`${kind}:${hash}`)?.value as T | undefined;
}

/** Drops one cached parse (the version an edit replaced), so typing does not push other specs out. */
export function forget(kind: string, hash: string): void {
  const key = `${kind}:${hash}`;
  const entry = cache.get(key);
  if (!entry) return;
  cache.delete(key);
  total -= entry.bytes;
}

/** True when this content has been parsed as this kind and is still cached. */
export function isCached(kind: string, hash: string): boolean {
  return cache.has(`${kind}:${hash}`);
}

/** What the cache holds now, for tests and the bench. */
export function parseCacheSize(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: total };
}
