// A spec a describe block brings into the e2e workspace for itself: written before the workbench
// opens (so the Specs view starts with it), removed afterwards with the files its run left.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './e2e-env';

/**
 * Mocha hooks: `.kiro/specs/<name>` holding `files` (file name → text) for the block; after it,
 * that folder and the workspace-relative `leftovers` are removed. Returns the folder's path.
 */
export function useSpec(name: string, files: Record<string, string>, leftovers: string[] = []): () => string {
  const dir = () => join(workspace(), '.kiro', 'specs', name);
  before(() => {
    mkdirSync(dir(), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir(), file), text);
  });
  after(() => {
    rmSync(dir(), { recursive: true, force: true });
    for (const file of leftovers) rmSync(join(workspace(), file), { force: true });
  });
  return dir;
}
