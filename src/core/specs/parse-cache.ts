// Parse results keyed by document kind and content hash, so an unchanged file is never parsed
// twice and an edit to one file re-parses only that file. Results are shared: treat them as
// immutable. Diagnostics are cached without a path and stamped with the caller's file on the way
// out, so the same content at two paths (or an unsaved editor buffer) shares one parse.
import type { Diagnostic } from '../diagnostics';
import { contentHash } from './text';

const LIMIT = 4000;
const cache = new Map<string, unknown>();

export function cached<T extends { diagnostics: Diagnostic[] }>(
  kind: string,
  text: string,
  file: string,
  parse: (text: string) => T,
  hash = contentHash(text),
): T {
  const key = `${kind}:${hash}`;
  let value = cache.get(key) as T | undefined;
  if (value) {
    cache.delete(key);
  } else {
    value = parse(text);
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, value);
  return value.diagnostics.length === 0
    ? value
    : { ...value, diagnostics: value.diagnostics.map((d) => ({ ...d, file })) };
}

/** The cached parse of this content as this kind (diagnostics without a path), if there is one. */
export function peek<T>(kind: string, hash: string): T | undefined {
  return cache.get(`${kind}:${hash}`) as T | undefined;
}

/** True when this content has been parsed as this kind and is still cached. */
export function isCached(kind: string, hash: string): boolean {
  return cache.has(`${kind}:${hash}`);
}
