// Unified diffs for edit events, in the `git diff` shape reviewers and `git apply` understand.
import { createTwoFilesPatch } from 'diff';

/** `before` null: the file is new. '' when nothing changes. */
export function unifiedDiff(path: string, before: string | null, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  // The library's leading `===…` banner line is not part of the unified format.
  return patch.replace(/^=+\n/, '');
}
