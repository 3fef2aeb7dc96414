// Paths the spec tests share. Tests run bundled from out/test/unit/specs, four levels below the repo.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
export const fixtureWorkspace = resolve(repoRoot, 'test/fixtures/specs-workspace');
export const fixtureSpecs = resolve(fixtureWorkspace, '.kiro/specs');

export function fixture(spec: string, file: string): { path: string; text: string } {
  const path = resolve(fixtureSpecs, spec, file);
  return { path, text: readFileSync(path, 'utf8') };
}
